package io.pactum.node.offers;

import java.math.BigInteger;

/**
 * One of the node's signed resource offers as stored.
 *
 * @param offerId 0x-hex resourceOfferId (the offer's EIP-712 struct hash)
 * @param nodeAddress lower-case 0x-hex
 * @param offerJson the ResourceOffer in ProtocolJson
 * @param signature 0x-hex, 65 bytes
 * @param expiry unix seconds
 */
public record StoredOffer(
        String offerId,
        String nodeAddress,
        BigInteger nonce,
        String offerJson,
        String signature,
        long expiry,
        OfferStatus status) {

    public StoredOffer withStatus(OfferStatus s) {
        return new StoredOffer(offerId, nodeAddress, nonce, offerJson, signature, expiry, s);
    }
}
