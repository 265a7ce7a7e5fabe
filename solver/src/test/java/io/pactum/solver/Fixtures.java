package io.pactum.solver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.deal.JobOffer;
import io.pactum.protocol.deal.ResourceOffer;
import io.pactum.protocol.eip712.Eip712Domain;
import io.pactum.protocol.json.ProtocolJson;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Signed offers for tests, under the test profile's domain (chain 31337, the test DealManager). */
public final class Fixtures {
    private Fixtures() {}

    public static final EthKey CLIENT = EthKey.fromHex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    public static final EthKey NODE = EthKey.fromHex("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
    public static final EthKey NODE2 = EthKey.fromHex("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
    public static final EthKey STRANGER = EthKey.fromHex("0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6");
    public static final Address MEDIATOR = Address.parse("0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65");
    public static final Address DEAL_MANAGER = Address.parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    public static final Eip712Domain DOMAIN = Eip712Domain.pactum(31337, DEAL_MANAGER);
    public static final Eip712Domain OTHER_CHAIN = Eip712Domain.pactum(1, DEAL_MANAGER);
    public static final Bytes CID = Bytes.fromHex("0x01551220" + "ab".repeat(32));

    private static final AtomicLong NONCE = new AtomicLong(1);

    public static BigInteger nextNonce() {
        return BigInteger.valueOf(NONCE.getAndIncrement());
    }

    public static long inAnHour() {
        return Instant.now().getEpochSecond() + 3600;
    }

    public static JobOffer job(BigInteger nonce, long expiry, BigInteger maxPrice) {
        return new JobOffer(CLIENT.address(), CID, 1000, 256, 1_000_000, maxPrice, BigInteger.valueOf(10),
                BigInteger.valueOf(5), List.of(MEDIATOR), 600, 600, 600, nonce, expiry);
    }

    public static JobOffer job() {
        return job(nextNonce(), inAnHour(), BigInteger.valueOf(1000));
    }

    public static ResourceOffer resource(EthKey node, BigInteger nonce, long expiry, BigInteger price) {
        return new ResourceOffer(node.address(), 2000, 1024, 10_000_000, price, BigInteger.ZERO,
                BigInteger.valueOf(20), 2, List.of(MEDIATOR), nonce, expiry);
    }

    public static ResourceOffer resource(BigInteger price) {
        return resource(NODE, nextNonce(), inAnHour(), price);
    }

    /** {@code {"offer": ..., "signature": ...}} signed by {@code key} under {@code domain}. */
    public static ObjectNode body(JobOffer offer, EthKey key, Eip712Domain domain) {
        return envelope(offer, offer.sign(key, domain).toHex());
    }

    public static ObjectNode body(ResourceOffer offer, EthKey key, Eip712Domain domain) {
        return envelope(offer, offer.sign(key, domain).toHex());
    }

    public static ObjectNode envelope(Object offer, String signature) {
        ObjectNode n = ProtocolJson.mapper().createObjectNode();
        n.set("offer", ProtocolJson.mapper().valueToTree(offer));
        n.put("signature", signature);
        return n;
    }
}
