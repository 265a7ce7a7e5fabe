package io.pactum.cli.client;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.deal.JobOffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * What the client checks before signing a deal the solver proposes: that it is the deal the
 * client's own offer allows, term by term. Pure; the caller decides what to do with the
 * problems (the job flow refuses to sign when there is any).
 */
public final class DealCheck {
    private DealCheck() {}

    /**
     * The problems of {@code deal} as a match of {@code offer} at chain time {@code now} (unix
     * seconds); empty when the client may sign it.
     */
    public static List<String> problems(JobOffer offer, Deal deal, long now) {
        List<String> p = new ArrayList<>();
        if (!deal.client().equals(offer.client())) {
            p.add("client is " + deal.client() + ", not the offer's " + offer.client());
        }
        if (!deal.jobOfferId().equals(offer.id())) {
            p.add("jobOfferId " + deal.jobOfferId() + " is not this offer's " + offer.id());
        }
        if (!deal.jobSpecCid().equals(offer.jobSpecCid())) {
            p.add("job spec CID differs from the offer's");
        }
        if (deal.node().equals(Address.ZERO) || deal.node().equals(offer.client())) {
            p.add("node " + deal.node() + " is not a valid counterparty");
        }
        if (deal.price().compareTo(offer.maxPrice()) > 0) {
            p.add("price " + deal.price() + " is above the offer's maxPrice " + offer.maxPrice());
        }
        if (!deal.clientCollateral().equals(offer.clientCollateral())) {
            p.add("client collateral " + deal.clientCollateral() + " differs from the offer's " + offer.clientCollateral());
        }
        if (!deal.mediationFee().equals(offer.mediationFee())) {
            p.add("mediation fee " + deal.mediationFee() + " differs from the offer's " + offer.mediationFee());
        }
        if (deal.maxFuel() != offer.maxFuel()) {
            p.add("maxFuel " + deal.maxFuel() + " differs from the offer's " + offer.maxFuel());
        }
        if (!new HashSet<>(offer.mediators()).containsAll(deal.mediators())) {
            p.add("mediators include some the offer did not accept");
        }
        if (deal.mediators().size() != new HashSet<>(deal.mediators()).size()) {
            p.add("mediators contain duplicates");
        }
        if (deal.resultTimeout() != offer.resultTimeout()) {
            p.add("result timeout " + deal.resultTimeout() + "s differs from the offer's " + offer.resultTimeout() + "s");
        }
        if (deal.judgeTimeout() != offer.judgeTimeout()) {
            p.add("judge timeout " + deal.judgeTimeout() + "s differs from the offer's " + offer.judgeTimeout() + "s");
        }
        if (deal.mediationTimeout() != offer.mediationTimeout()) {
            p.add("mediation timeout " + deal.mediationTimeout() + "s differs from the offer's "
                    + offer.mediationTimeout() + "s");
        }
        if (deal.agreeDeadline() <= now) {
            p.add("agree deadline " + deal.agreeDeadline() + " has passed (chain time " + now + ")");
        }
        return p;
    }
}
