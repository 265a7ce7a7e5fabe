package io.pactum.node.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pactum.runtime.job.JobFormats;
import io.pactum.runtime.job.JobPlan;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.deal.ResourceOffer;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Keys, offers and deals for tests. */
public final class TestDeals {
    private TestDeals() {}

    public static final EthKey NODE = EthKey.fromHex("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
    public static final EthKey CLIENT = EthKey.fromHex("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
    public static final Address MEDIATOR = Address.parse("0x90f79bf6eb2c4f870365e785982e1f101e93b906");
    private static final java.util.concurrent.atomic.AtomicLong SEQ = new java.util.concurrent.atomic.AtomicLong();
    public static final BigInteger PRICE = BigInteger.valueOf(1_000_000);
    public static final BigInteger COLLATERAL = BigInteger.valueOf(100_000);

    public static ResourceOffer offer(long expiry) {
        return new ResourceOffer(NODE.address(), 1000, 256, 10_000_000, PRICE, BigInteger.ZERO, COLLATERAL, 2,
                List.of(MEDIATOR), BigInteger.valueOf(7), expiry);
    }

    /** A deal matched from {@code offer} with the given job spec CID (maxFuel 5 M). */
    public static Deal deal(ResourceOffer offer, Cid jobSpec, long agreeDeadline) {
        return deal(offer, jobSpec, agreeDeadline, 5_000_000);
    }

    public static Deal deal(ResourceOffer offer, Cid jobSpec, long agreeDeadline, long maxFuel) {
        byte[] jobOffer = ("job" + SEQ.incrementAndGet()).getBytes();
        return new Deal(CLIENT.address(), NODE.address(), Bytes32.keccak(jobOffer), offer.id(),
                Bytes.of(jobSpec.toBytes()), maxFuel, PRICE, BigInteger.ZERO, BigInteger.valueOf(50_000), COLLATERAL,
                PRICE.multiply(BigInteger.TWO), BigInteger.valueOf(10), List.of(MEDIATOR), agreeDeadline, 3600, 600, 600);
    }

    /** A test spec format: {"module","inputs","args","maxFuel","maxMemoryPages","maxOutputBytes"}. */
    public static final class SimpleFormats implements JobFormats {
        private static final ObjectMapper M = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

        public static byte[] spec(String moduleCid, Map<String, String> inputs, long maxFuel, int pages, long output) {
            try {
                return M.writeValueAsBytes(new TreeMap<>(Map.of("module", moduleCid, "inputs", new TreeMap<>(inputs), "args",
                        List.of(), "maxFuel", maxFuel, "maxMemoryPages", pages, "maxOutputBytes", output)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public JobPlan parseSpec(byte[] bytes) {
            try {
                JsonNode n = M.readTree(bytes);
                TreeMap<String, String> inputs = new TreeMap<>();
                n.path("inputs").fields().forEachRemaining(e -> inputs.put(e.getKey(), e.getValue().asText()));
                List<String> args = new ArrayList<>();
                n.path("args").forEach(a -> args.add(a.asText()));
                return new JobPlan(n.get("module").asText(), inputs, args, new TreeMap<>(), 0, n.get("maxFuel").asLong(),
                        n.get("maxMemoryPages").asInt(), n.get("maxOutputBytes").asLong(), 0);
            } catch (IOException | NullPointerException e) {
                throw new IllegalArgumentException("bad spec", e);
            }
        }

        @Override
        public byte[] outcomeRecord(OutcomeFacts f) {
            try {
                return M.writeValueAsBytes(f);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        public static JsonNode read(byte[] outcome) throws IOException {
            return M.readTree(outcome);
        }
    }
}
