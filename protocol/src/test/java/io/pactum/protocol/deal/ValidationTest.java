package io.pactum.protocol.deal;

import static io.pactum.protocol.deal.DealFixtures.CLIENT_KEY;
import static io.pactum.protocol.deal.DealFixtures.DOMAIN;
import static io.pactum.protocol.deal.DealFixtures.NODE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.eip712.Eip712Domain;
import io.pactum.protocol.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationTest {
    static final long NOW = 1_800_000_000L;

    static JobOffer job(Bytes cid, List<Address> mediators, long resultTimeout, long expiry) {
        JobOffer a = DealFixtures.jobOffer();
        return new JobOffer(a.client(), cid, a.cpuMillis(), a.memoryMiB(), a.maxFuel(), a.maxPrice(),
                a.clientCollateral(), a.mediationFee(), mediators, resultTimeout, a.judgeTimeout(),
                a.mediationTimeout(), a.nonce(), expiry);
    }

    static List<Address> mediators(int n) {
        List<Address> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            byte[] b = new byte[20];
            b[19] = (byte) i;
            list.add(new Address(b));
        }
        return list;
    }

    @Test
    void shouldAcceptAValidSignedJobOffer() {
        JobOffer offer = DealFixtures.jobOffer();
        Signature sig = offer.sign(CLIENT_KEY, DOMAIN);
        assertThat(Validation.jobOffer(offer, sig, DOMAIN, 31337, NOW)).isEmpty();
    }

    @Test
    void shouldAcceptAValidSignedResourceOffer() {
        ResourceOffer offer = DealFixtures.resourceOffer();
        Signature sig = offer.sign(NODE_KEY, DOMAIN);
        assertThat(Validation.resourceOffer(offer, sig, DOMAIN, 31337, NOW)).isEmpty();
    }

    @Test
    void shouldReportEverySizeViolationWithFieldAndReason() {
        JobOffer offer = job(Bytes.of(new byte[129]), mediators(8), 0, DealFixtures.jobOffer().expiry());
        assertThat(Validation.jobOfferShape(offer)).extracting(Violation::toString).containsExactlyInAnyOrder(
                "jobSpecCid: must be at most 128 bytes, got 129",
                "mediators: must name at most 7, got 8",
                "resultTimeout: must be greater than 0");
    }

    @Test
    void shouldAcceptTheLimitsThemselves() {
        JobOffer offer = job(Bytes.of(new byte[128]), mediators(7), 1, DealFixtures.jobOffer().expiry());
        assertThat(Validation.jobOfferShape(offer)).isEmpty();
    }

    @Test
    void shouldRequireStrictlyAscendingMediators() {
        List<Address> m = mediators(3);
        JobOffer unsorted = job(DealFixtures.CID, List.of(m.get(1), m.get(0)), 1, 2);
        assertThat(Validation.jobOfferShape(unsorted)).extracting(Violation::field).containsExactly("mediators[1]");
        JobOffer duplicate = job(DealFixtures.CID, List.of(m.get(0), m.get(0)), 1, 2);
        assertThat(Validation.jobOfferShape(duplicate)).extracting(Violation::reason)
                .containsExactly("must be strictly ascending (greater than mediators[0])");
        JobOffer none = job(DealFixtures.CID, List.of(), 1, 2);
        assertThat(Validation.jobOfferShape(none)).extracting(Violation::toString)
                .containsExactly("mediators: must name at least one mediator");
    }

    @Test
    void shouldRejectAnExpiredOfferButAcceptItsLastSecond() {
        JobOffer offer = job(DealFixtures.CID, mediators(1), 1, NOW);
        Signature sig = offer.sign(CLIENT_KEY, DOMAIN);
        assertThat(Validation.jobOffer(offer, sig, DOMAIN, 31337, NOW)).isEmpty();
        assertThat(Validation.jobOffer(offer, sig, DOMAIN, 31337, NOW + 1)).extracting(Violation::toString)
                .containsExactly("expiry: expired at 1800000000, now is 1800000001");
    }

    @Test
    void shouldRejectTheWrongChain() {
        JobOffer offer = DealFixtures.jobOffer();
        Eip712Domain otherChain = Eip712Domain.pactum(1, DOMAIN.verifyingContract());
        Signature sig = offer.sign(CLIENT_KEY, otherChain);
        assertThat(Validation.jobOffer(offer, sig, otherChain, 31337, NOW)).extracting(Violation::toString)
                .containsExactly("domain.chainId: is 1 but this service runs on chain 31337");
    }

    @Test
    void shouldRejectASignatureOfAnotherKeyOrDomain() {
        JobOffer offer = DealFixtures.jobOffer();
        assertThat(Validation.jobOffer(offer, offer.sign(NODE_KEY, DOMAIN), DOMAIN, 31337, NOW))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo("signature");
                    assertThat(v.reason()).isEqualTo("recovers to " + NODE_KEY.address() + ", not the client "
                            + CLIENT_KEY.address());
                });
        Eip712Domain otherContract = Eip712Domain.pactum(31337, Address.ZERO);
        assertThat(Validation.jobOffer(offer, offer.sign(CLIENT_KEY, otherContract), DOMAIN, 31337, NOW))
                .extracting(Violation::field).containsExactly("signature");
        ResourceOffer ro = DealFixtures.resourceOffer();
        assertThat(Validation.resourceOffer(ro, ro.sign(CLIENT_KEY, DOMAIN), DOMAIN, 31337, NOW))
                .extracting(Violation::reason).first().asString().contains("not the node");
    }

    @Test
    void shouldRejectAHighSSignature() {
        JobOffer offer = DealFixtures.jobOffer();
        Signature sig = offer.sign(CLIENT_KEY, DOMAIN);
        Signature high = new Signature(sig.r(), Signature.N.subtract(sig.s()), sig.v() == 27 ? 28 : 27);
        assertThat(Validation.jobOffer(offer, high, DOMAIN, 31337, NOW)).extracting(Violation::reason)
                .singleElement().asString().startsWith("is invalid: signature s is in the upper half");
        assertThat(Validation.jobOffer(offer, null, DOMAIN, 31337, NOW)).extracting(Violation::toString)
                .containsExactly("signature: is missing");
    }
}
