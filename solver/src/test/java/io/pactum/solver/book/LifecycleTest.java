package io.pactum.solver.book;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LifecycleTest {
    @Test
    void shouldCapTheProposalTtlAtTheAgreeDeadline() {
        assertThat(Lifecycle.proposalExpiresAt(100, 1000, 60)).isEqualTo(160);
        assertThat(Lifecycle.proposalExpiresAt(100, 130, 60)).isEqualTo(130);
    }

    @Test
    void shouldExpireOnlyProposalsStillWaitingForSignatures() {
        assertThat(Lifecycle.proposalExpired(DealStatus.PROPOSED, 100, 100)).isTrue();
        assertThat(Lifecycle.proposalExpired(DealStatus.PROPOSED, 101, 100)).isFalse();
        assertThat(Lifecycle.proposalExpired(DealStatus.RELAYING, 50, 100)).isFalse();
        assertThat(Lifecycle.proposalExpired(DealStatus.AGREED, 50, 100)).isFalse();
    }

    @Test
    void shouldReopenOffersThatAreStillValidAndExpireTheOthers() {
        assertThat(Lifecycle.afterDealEnded(OfferStatus.PROPOSED, 200, 100)).contains(OfferStatus.OPEN);
        assertThat(Lifecycle.afterDealEnded(OfferStatus.PROPOSED, 100, 100)).contains(OfferStatus.OPEN); // valid through its second
        assertThat(Lifecycle.afterDealEnded(OfferStatus.PROPOSED, 99, 100)).contains(OfferStatus.EXPIRED);
        assertThat(Lifecycle.afterDealEnded(OfferStatus.FILLED, 200, 100)).isEmpty();
        assertThat(Lifecycle.afterDealEnded(OfferStatus.CANCELLED, 200, 100)).isEmpty();
    }

    @Test
    void shouldExpireOpenOffersAtTheirExpiry() {
        assertThat(Lifecycle.openOfferExpired(OfferStatus.OPEN, 99, 100)).isTrue();
        assertThat(Lifecycle.openOfferExpired(OfferStatus.OPEN, 100, 100)).isFalse();
        assertThat(Lifecycle.openOfferExpired(OfferStatus.PROPOSED, 10, 100)).isFalse();
    }

    @Test
    void shouldRecogniseOnlyTheDealsParties() {
        assertThat(Lifecycle.partyOf("0xAB", "0xab", "0xcd")).contains(Lifecycle.Party.CLIENT);
        assertThat(Lifecycle.partyOf("0xcd", "0xab", "0xCD")).contains(Lifecycle.Party.NODE);
        assertThat(Lifecycle.partyOf("0xef", "0xab", "0xcd")).isEmpty();
    }

    @Test
    void shouldStartRelayingOnlyWithBothSignatures() {
        assertThat(Lifecycle.afterSignature(DealStatus.PROPOSED, true, false)).isEqualTo(DealStatus.PROPOSED);
        assertThat(Lifecycle.afterSignature(DealStatus.PROPOSED, true, true)).isEqualTo(DealStatus.RELAYING);
        assertThat(Lifecycle.afterSignature(DealStatus.EXPIRED, true, true)).isEqualTo(DealStatus.EXPIRED);
    }
}
