package io.pactum.node.offers;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.node.deals.DealLoop;
import io.pactum.node.solver.Json;
import io.pactum.node.solver.SolverClient;
import io.pactum.node.testing.MemoryOffers;
import io.pactum.node.testing.TestDeals;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.deal.ResourceOffer;
import io.pactum.protocol.eip712.Eip712Domain;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OfferAndDealLoopTest {
    static final long NOW = 1_000_000;
    static final Eip712Domain DOMAIN = Eip712Domain.pactum(31337, Address.parse("0x5fbdb2315678afecb367f032d93f642f64180aa3"));

    /** A solver that keeps what it was given. */
    static final class FakeSolver implements SolverClient {
        final Map<Bytes32, String> offers = new HashMap<>();
        final List<ResourceOffer> posted = new ArrayList<>();
        final List<DealView> proposals = new ArrayList<>();
        final List<Signature> signatures = new ArrayList<>();
        boolean down;

        @Override
        public String postResourceOffer(ResourceOffer offer, Signature signature) throws IOException {
            if (down) throw new IOException("solver down");
            assertThat(offer.digest(DOMAIN)).isNotNull();
            posted.add(offer);
            offers.put(offer.id(), "open");
            return "open";
        }

        @Override
        public Optional<String> resourceOfferStatus(Bytes32 id) {
            return Optional.ofNullable(offers.get(id));
        }

        @Override
        public List<DealView> proposedDeals(Address party) {
            return proposals;
        }

        @Override
        public DealView postDealSignature(Bytes32 dealId, Signature signature) {
            signatures.add(signature);
            return null;
        }
    }

    final MemoryOffers store = new MemoryOffers();
    final FakeSolver solver = new FakeSolver();
    final OfferTerms terms = new OfferTerms(1000, 256, 10_000_000, TestDeals.PRICE, BigInteger.ZERO, TestDeals.COLLATERAL, 2,
            List.of(TestDeals.MEDIATOR), Duration.ofMinutes(10));
    final OfferLoop offerLoop = new OfferLoop(TestDeals.NODE, DOMAIN, new OfferFactory(terms, new SecureRandom()), store,
            solver, Json.INSTANCE, () -> 0, 4);

    @Test
    void shouldKeepOneLiveOfferAndReplaceItWhenFilled() throws Exception {
        offerLoop.tick(NOW);
        offerLoop.tick(NOW + 1);
        assertThat(solver.posted).hasSize(1);
        ResourceOffer first = solver.posted.get(0);
        assertThat(first.expiry()).isEqualTo(NOW + 600);

        solver.offers.put(first.id(), "filled");
        offerLoop.tick(NOW + 2);
        assertThat(solver.posted).hasSize(2);
        assertThat(solver.posted.get(1).nonce()).isNotEqualTo(first.nonce());
    }

    @Test
    void shouldRepostTheSameSignedBytesAfterAFailedPost() throws Exception {
        solver.down = true;
        try {
            offerLoop.tick(NOW);
        } catch (IOException expected) {
            // the solver is down: the offer stays signed in the store
        }
        assertThat(store.offers.values()).singleElement().extracting(StoredOffer::status).isEqualTo(OfferStatus.SIGNED);
        solver.down = false;
        offerLoop.tick(NOW + 1);
        assertThat(solver.posted).singleElement().extracting(ResourceOffer::id)
                .isEqualTo(Bytes32.fromHex(store.offers.keySet().iterator().next()));
        assertThat(store.offers).hasSize(1);
    }

    @Test
    void shouldSignAMatchingDealOnceAndRefuseOthers() throws Exception {
        offerLoop.tick(NOW);
        ResourceOffer offer = solver.posted.get(0);
        Deal good = TestDeals.deal(offer, Cid.rawOf("spec".getBytes()), NOW + 120);
        Deal other = TestDeals.deal(offer, Cid.rawOf("spec2".getBytes()), NOW + 120); // same offer, second deal
        solver.proposals.add(new SolverClient.DealView(good.id(), good, "proposed", true, false));
        DealLoop loop = new DealLoop(TestDeals.NODE, DOMAIN, store, solver, a -> TestDeals.COLLATERAL, Json.INSTANCE,
                Json::dealToJson, 60);

        assertThat(loop.tick(NOW)).isEqualTo(1);
        Signature sig = solver.signatures.get(0);
        assertThat(sig).isEqualTo(good.sign(TestDeals.NODE, DOMAIN));
        assertThat(store.offers.get(offer.id().toHex()).status()).isEqualTo(OfferStatus.PROPOSED);

        // the proposal again, the solver not having recorded it: the same signature again
        loop.tick(NOW + 1);
        assertThat(solver.signatures).hasSize(2).allMatch(sig::equals);

        solver.proposals.clear();
        solver.proposals.add(new SolverClient.DealView(other.id(), other, "proposed", true, false));
        assertThat(loop.tick(NOW + 2)).isZero();
        assertThat(store.rejected.get(other.id().toHex())).contains("already backs deal");
    }
}
