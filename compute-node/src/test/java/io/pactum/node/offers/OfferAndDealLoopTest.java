package io.pactum.node.offers;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.node.deals.DealLoop;
import io.pactum.node.deals.VaultReader;
import io.pactum.runtime.job.HardLimits;
import io.pactum.node.solver.Json;
import io.pactum.node.solver.SolverClient;
import io.pactum.node.solver.SolverClient.SignedOffer;
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
        final Map<Bytes32, SignedOffer> held = new HashMap<>();
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
            held.put(offer.id(), new SignedOffer(offer, signature, "open"));
            return "open";
        }

        @Override
        public Optional<String> resourceOfferStatus(Bytes32 id) {
            return Optional.ofNullable(offers.get(id));
        }

        @Override
        public Optional<SignedOffer> resourceOffer(Bytes32 id) {
            return Optional.ofNullable(held.get(id));
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
    /** The node's own content store, as far as job specs go. */
    final Map<String, byte[]> specs = new HashMap<>();
    HardLimits hard = new HardLimits(10_000_000, 64, 64 * 1024, 60_000);

    /** Stores a (test-format) spec in the node's store and returns its CID. */
    Cid spec(long maxFuel, int pages, long output) {
        byte[] bytes = TestDeals.SimpleFormats.spec("bafkreimodule", Map.of(), maxFuel, pages, output);
        Cid cid = Cid.rawOf(bytes);
        specs.put(cid.toString(), bytes);
        return cid;
    }

    DealLoop dealLoop(VaultReader vault) {
        return new DealLoop(TestDeals.NODE, DOMAIN, store, solver, vault, Json.INSTANCE, Json::dealToJson, Json::dealFromJson,
                cid -> Optional.ofNullable(specs.get(cid)), new TestDeals.SimpleFormats(), hard);
    }

    /** Signs one fresh offer and returns it. */
    ResourceOffer freshOffer(long now) throws Exception {
        store.offers.values().forEach(o -> store.updateStatus(o.offerId(), OfferStatus.FILLED, null));
        offerLoop.tick(now);
        return solver.posted.get(solver.posted.size() - 1);
    }

    DealLoop.Action propose(DealLoop loop, Deal deal, long now) throws Exception {
        return loop.handle(new SolverClient.DealView(deal.id(), deal, "proposed", true, false), now);
    }
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
        Deal good = TestDeals.deal(offer, spec(1_000_000, 16, 1024), NOW + 120);
        Deal other = TestDeals.deal(offer, spec(1_000_001, 16, 1024), NOW + 120); // same offer, second deal
        solver.proposals.add(new SolverClient.DealView(good.id(), good, "proposed", true, false));
        DealLoop loop = dealLoop(a -> TestDeals.COLLATERAL);

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

    @Test
    void shouldTakeBackItsOwnOfferFromTheSolverWhenItsDatabaseLostIt() throws Exception {
        offerLoop.tick(NOW);
        ResourceOffer offer = solver.posted.get(0);
        store.offers.clear(); // W6: the node's database is gone; the solver still holds the signed offer
        Deal deal = TestDeals.deal(offer, spec(1_000_000, 16, 1024), NOW + 120);

        assertThat(propose(dealLoop(a -> TestDeals.COLLATERAL), deal, NOW)).isEqualTo(DealLoop.Action.SIGNED);

        StoredOffer back = store.offers.get(offer.id().toHex());
        assertThat(back.status()).isEqualTo(OfferStatus.PROPOSED);
        assertThat(Json.INSTANCE.fromJson(back.offerJson())).isEqualTo(offer);
        assertThat(solver.signatures).containsExactly(deal.sign(TestDeals.NODE, DOMAIN));
    }

    @Test
    void shouldNotTakeBackAnOfferSignedBySomeoneElse() throws Exception {
        offerLoop.tick(NOW);
        ResourceOffer offer = solver.posted.get(0);
        store.offers.clear();
        // the solver (or whoever answers in its name) shows the node's terms under a stranger's signature
        solver.held.put(offer.id(), new SolverClient.SignedOffer(offer, offer.sign(TestDeals.CLIENT, DOMAIN), "open"));
        Deal deal = TestDeals.deal(offer, spec(1_000_000, 16, 1024), NOW + 120);

        assertThat(propose(dealLoop(a -> TestDeals.COLLATERAL), deal, NOW)).isEqualTo(DealLoop.Action.REJECTED);
        assertThat(store.rejected.get(deal.id().toHex())).contains("is not an offer of this node");
        assertThat(store.offers).isEmpty();
        assertThat(solver.signatures).isEmpty();
    }

    @Test
    void shouldRefuseAJobWhoseSpecIsMissingMalformedOrBeyondTheNodesLimits() throws Exception {
        DealLoop loop = dealLoop(a -> TestDeals.COLLATERAL.multiply(BigInteger.TEN));
        Deal missing = TestDeals.deal(freshOffer(NOW), Cid.rawOf("never uploaded".getBytes()), NOW + 120);
        Cid bad = Cid.rawOf("not a spec".getBytes());
        specs.put(bad.toString(), "not a spec".getBytes());
        Deal malformed = TestDeals.deal(freshOffer(NOW), bad, NOW + 120);
        Deal tooMuchMemory = TestDeals.deal(freshOffer(NOW), spec(1_000_000, 65, 1024), NOW + 120);
        Deal tooMuchOutput = TestDeals.deal(freshOffer(NOW), spec(1_000_000, 16, 64 * 1024 + 1), NOW + 120);
        // the spec asks for more fuel than the node allows, but the deal caps it at 5 M: fine
        Deal cappedByTheDeal = TestDeals.deal(freshOffer(NOW), spec(50_000_000, 16, 1024), NOW + 120);
        assertThat(cappedByTheDeal.maxFuel()).isLessThanOrEqualTo(hard.maxFuel());
        Deal fine = TestDeals.deal(freshOffer(NOW), spec(1_000_000, 64, 64 * 1024), NOW + 120);

        assertThat(propose(loop, missing, NOW)).isEqualTo(DealLoop.Action.REJECTED);
        assertThat(store.rejected.get(missing.id().toHex())).contains("not in the node's content store");
        assertThat(propose(loop, malformed, NOW)).isEqualTo(DealLoop.Action.REJECTED);
        assertThat(store.rejected.get(malformed.id().toHex())).contains("is invalid");
        assertThat(propose(loop, tooMuchMemory, NOW)).isEqualTo(DealLoop.Action.REJECTED);
        assertThat(store.rejected.get(tooMuchMemory.id().toHex())).contains("memory of 65 pages");
        assertThat(propose(loop, tooMuchOutput, NOW)).isEqualTo(DealLoop.Action.REJECTED);
        assertThat(store.rejected.get(tooMuchOutput.id().toHex())).contains("output of 65537 bytes");
        assertThat(propose(loop, cappedByTheDeal, NOW)).isEqualTo(DealLoop.Action.SIGNED);
        assertThat(propose(loop, fine, NOW)).isEqualTo(DealLoop.Action.SIGNED);
    }

    @Test
    void shouldRefuseAJobWhoseFuelMinOfSpecAndDealIsBeyondTheNodesLimit() throws Exception {
        hard = new HardLimits(4_000_000, 64, 64 * 1024, 60_000);
        DealLoop loop = dealLoop(a -> TestDeals.COLLATERAL.multiply(BigInteger.TEN));
        Deal tooMuchFuel = TestDeals.deal(freshOffer(NOW), spec(20_000_000, 16, 1024), NOW + 120); // min(20 M, deal 5 M)
        Deal cappedBySpec = TestDeals.deal(freshOffer(NOW), spec(3_000_000, 16, 1024), NOW + 120); // min(3 M, deal 5 M)
        assertThat(tooMuchFuel.maxFuel()).isEqualTo(5_000_000);

        assertThat(propose(loop, tooMuchFuel, NOW)).isEqualTo(DealLoop.Action.REJECTED);
        assertThat(store.rejected.get(tooMuchFuel.id().toHex())).contains("job fuel 5000000 is above the node's limit of 4000000");
        assertThat(propose(loop, cappedBySpec, NOW)).isEqualTo(DealLoop.Action.SIGNED);
    }

    @Test
    void shouldNotPromiseTheSameCollateralTwice() throws Exception {
        // free balance for two deals' collateral, not three
        BigInteger[] free = {TestDeals.COLLATERAL.multiply(BigInteger.TWO)};
        DealLoop loop = dealLoop(a -> free[0]);
        Deal first = TestDeals.deal(freshOffer(NOW), spec(1_000_000, 16, 1024), NOW + 120);
        Deal second = TestDeals.deal(freshOffer(NOW), spec(1_000_000, 16, 1024), NOW + 120);
        Deal third = TestDeals.deal(freshOffer(NOW), spec(1_000_000, 16, 1024), NOW + 120);

        assertThat(propose(loop, first, NOW)).isEqualTo(DealLoop.Action.SIGNED);
        assertThat(propose(loop, second, NOW)).isEqualTo(DealLoop.Action.SIGNED);
        assertThat(propose(loop, third, NOW)).isEqualTo(DealLoop.Action.REJECTED);
        assertThat(store.rejected.get(third.id().toHex())).contains("free balance " + free[0])
                .contains("collateral needed " + TestDeals.COLLATERAL.multiply(BigInteger.valueOf(3)));

        // the first is agreed: the vault has locked its collateral (free drops), it is no longer reserved
        store.agreed.add(first.id().toHex());
        free[0] = free[0].subtract(TestDeals.COLLATERAL);
        Deal fourth = TestDeals.deal(freshOffer(NOW), spec(1_000_000, 16, 1024), NOW + 120);
        assertThat(propose(loop, fourth, NOW)).isEqualTo(DealLoop.Action.REJECTED); // the second still holds its share

        // the second expires unagreed (past its deadline and the clock-skew margin): its share is free again
        long later = second.agreeDeadline() + io.pactum.node.deals.CollateralReservations.CLOCK_SKEW_SECONDS + 1;
        Deal fifth = TestDeals.deal(freshOffer(later), spec(1_000_000, 16, 1024), later + 120);
        assertThat(propose(loop, fifth, later)).isEqualTo(DealLoop.Action.SIGNED);
    }
}
