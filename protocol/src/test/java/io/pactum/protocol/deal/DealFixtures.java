package io.pactum.protocol.deal;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.eip712.Eip712Domain;
import java.math.BigInteger;
import java.util.List;

/** The offers and deal of {@code src/test/resources/eip712/*.json} (the typed data given to cast). */
public final class DealFixtures {
    public static final EthKey CLIENT_KEY =
            EthKey.fromHex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    public static final EthKey NODE_KEY =
            EthKey.fromHex("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
    public static final Address M1 = Address.parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
    public static final Address M2 = Address.parse("0x90F79bf6EB2c4f870365E785982E1f101E93b906");
    public static final Address M3 = Address.parse("0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65");
    public static final Eip712Domain DOMAIN =
            Eip712Domain.pactum(31337, Address.parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"));
    public static final Bytes CID =
            Bytes.fromHex("0x01551220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    public static final BigInteger ETH = BigInteger.TEN.pow(18);

    private DealFixtures() {}

    public static BigInteger wei(String decimal) {
        return new BigInteger(decimal);
    }

    public static JobOffer jobOffer() {
        return new JobOffer(CLIENT_KEY.address(), CID, 1500, 512, 5_000_000_000L,
                ETH, wei("200000000000000000"), wei("50000000000000000"), List.of(M1, M2),
                3600, 600, 7200, BigInteger.TWO.pow(256).subtract(BigInteger.ONE), 1_900_000_000L);
    }

    public static ResourceOffer resourceOffer() {
        return new ResourceOffer(NODE_KEY.address(), 4000, 8192, 10_000_000_000L,
                BigInteger.ZERO, wei("100000000"), wei("300000000000000000"), 3, List.of(M1, M2),
                BigInteger.valueOf(7), 1_900_000_100L);
    }

    public static Deal deal() {
        return new Deal(CLIENT_KEY.address(), NODE_KEY.address(),
                Bytes32.fromHex("0x" + "11".repeat(32)), Bytes32.fromHex("0x" + "22".repeat(32)), CID,
                5_000_000_000L, wei("500000000000000000"), wei("100000000"), wei("200000000000000000"),
                wei("300000000000000000"), wei("1500000000000000000"), wei("50000000000000000"),
                List.of(M1, M2), 1_800_000_000L, 3600, 600, 7200);
    }
}
