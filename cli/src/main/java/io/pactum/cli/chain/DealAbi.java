package io.pactum.cli.chain;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.Hex;
import io.pactum.protocol.crypto.Keccak;
import io.pactum.protocol.deal.Deal;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ABI encoding of the Solidity {@code Deal} tuple for calls that pass the terms
 * ({@code acceptResult(Deal)}, {@code currentDeadline(Deal)}) and decoding of it from the
 * {@code DealAgreed} event. Plain head/tail encoding: 17 head words, the two dynamic fields
 * ({@code jobSpecCid}, {@code mediators}) as offsets into the tail.
 */
public final class DealAbi {
    /** The canonical tuple type, as in function and event signatures. */
    public static final String TUPLE = "(address,address,bytes32,bytes32,bytes,uint64,uint256,uint256,uint256,uint256,"
            + "uint256,uint256,address[],uint64,uint32,uint32,uint32)";
    private static final int FIELDS = 17;

    private DealAbi() {}

    /** The 4-byte selector of {@code name(Deal)}, e.g. {@code acceptResult}. */
    public static byte[] selector(String name) {
        return Arrays.copyOf(Keccak.keccak256((name + "(" + TUPLE + ")").getBytes(StandardCharsets.US_ASCII)), 4);
    }

    /** Calldata of {@code name(Deal deal)}: selector ‖ offset ‖ tuple. */
    public static String call(String name, Deal deal) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(selector(name));
        out.writeBytes(word(BigInteger.valueOf(32)));
        out.writeBytes(encodeTuple(deal));
        return Hex.encode(out.toByteArray());
    }

    /** The tuple encoding of {@code deal} (what follows the offset word of a single Deal argument). */
    public static byte[] encodeTuple(Deal d) {
        byte[] cid = d.jobSpecCid().toArray();
        int cidTail = 32 + pad(cid.length);
        int cidOffset = FIELDS * 32;
        int mediatorsOffset = cidOffset + cidTail;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(word(d.client()));
        out.writeBytes(word(d.node()));
        out.writeBytes(d.jobOfferId().toArray());
        out.writeBytes(d.resourceOfferId().toArray());
        out.writeBytes(word(BigInteger.valueOf(cidOffset)));
        out.writeBytes(word(BigInteger.valueOf(d.maxFuel())));
        out.writeBytes(word(d.price()));
        out.writeBytes(word(d.pricePerFuel()));
        out.writeBytes(word(d.clientCollateral()));
        out.writeBytes(word(d.nodeCollateral()));
        out.writeBytes(word(d.cheatingCollateral()));
        out.writeBytes(word(d.mediationFee()));
        out.writeBytes(word(BigInteger.valueOf(mediatorsOffset)));
        out.writeBytes(word(BigInteger.valueOf(d.agreeDeadline())));
        out.writeBytes(word(BigInteger.valueOf(d.resultTimeout())));
        out.writeBytes(word(BigInteger.valueOf(d.judgeTimeout())));
        out.writeBytes(word(BigInteger.valueOf(d.mediationTimeout())));
        out.writeBytes(word(BigInteger.valueOf(cid.length)));
        out.writeBytes(Arrays.copyOf(cid, pad(cid.length)));
        out.writeBytes(word(BigInteger.valueOf(d.mediators().size())));
        for (Address m : d.mediators()) {
            out.writeBytes(word(m));
        }
        return out.toByteArray();
    }

    /** Decodes data that is {@code abi.encode(deal)} (offset word, then the tuple). */
    public static Deal decodeSingle(byte[] data) {
        Reader r = new Reader(data, 0);
        return decodeTuple(data, r.offset(0));
    }

    /** Decodes the tuple starting at byte {@code start} of {@code data}. */
    public static Deal decodeTuple(byte[] data, int start) {
        Reader r = new Reader(data, start);
        int mediatorsAt = r.offset(12);
        int count = r.lengthAt(mediatorsAt);
        List<Address> mediators = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            mediators.add(new Reader(data, mediatorsAt + 32).address(i));
        }
        return new Deal(
                r.address(0),
                r.address(1),
                Bytes32.of(r.raw(2)),
                Bytes32.of(r.raw(3)),
                Bytes.of(r.bytesAt(r.offset(4))),
                r.uint(5).longValueExact(),
                r.uint(6),
                r.uint(7),
                r.uint(8),
                r.uint(9),
                r.uint(10),
                r.uint(11),
                mediators,
                r.uint(13).longValueExact(),
                r.uint(14).longValueExact(),
                r.uint(15).longValueExact(),
                r.uint(16).longValueExact());
    }

    static int pad(int n) {
        return (n + 31) / 32 * 32;
    }

    static byte[] word(Address a) {
        byte[] w = new byte[32];
        System.arraycopy(a.value(), 0, w, 12, 20);
        return w;
    }

    static byte[] word(BigInteger v) {
        if (v.signum() < 0 || v.bitLength() > 256) {
            throw new IllegalArgumentException("not a uint256: " + v);
        }
        byte[] b = v.toByteArray();
        byte[] w = new byte[32];
        int start = b.length > 32 ? b.length - 32 : 0;
        System.arraycopy(b, start, w, 32 - (b.length - start), b.length - start);
        return w;
    }

    /** Word access into ABI data, relative to a base offset; bounds-checked. */
    public static final class Reader {
        private final byte[] data;
        private final int base;

        public Reader(byte[] data, int base) {
            this.data = data;
            this.base = base;
        }

        public byte[] raw(int index) {
            int at = base + index * 32;
            if (at < 0 || at + 32 > data.length) {
                throw new IllegalArgumentException("ABI data too short: word " + index + " at " + at);
            }
            return Arrays.copyOfRange(data, at, at + 32);
        }

        public BigInteger uint(int index) {
            return new BigInteger(1, raw(index));
        }

        public boolean bool(int index) {
            return uint(index).signum() != 0;
        }

        public Address address(int index) {
            return new Address(Arrays.copyOfRange(raw(index), 12, 32));
        }

        /** An offset word, as an absolute position in the data. */
        public int offset(int index) {
            BigInteger o = uint(index);
            if (o.bitLength() > 30) {
                throw new IllegalArgumentException("ABI offset out of range");
            }
            return base + o.intValueExact();
        }

        int lengthAt(int absolute) {
            BigInteger n = new Reader(data, absolute).uint(0);
            if (n.bitLength() > 30 || absolute + 32 + (long) n.intValueExact() * 1 > data.length) {
                throw new IllegalArgumentException("ABI length out of range");
            }
            return n.intValueExact();
        }

        /** {@code bytes} whose length word is at {@code absolute}. */
        public byte[] bytesAt(int absolute) {
            int n = lengthAt(absolute);
            return Arrays.copyOfRange(data, absolute + 32, absolute + 32 + n);
        }
    }
}
