package io.pactum.solver.config;

import io.pactum.solver.book.Matchmaker;
import io.pactum.solver.book.OfferChecks;
import io.pactum.solver.book.OfferRules;
import io.pactum.solver.book.ProtocolOfferRules;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

/** Builds the pure core objects from the settings. */
public class Wiring {
    @Produces
    @Singleton
    OfferRules rules() {
        return new ProtocolOfferRules();
    }

    @Produces
    @Singleton
    OfferChecks checks(Settings settings, OfferRules rules) {
        return new OfferChecks(settings.domain(), rules);
    }

    @Produces
    @Singleton
    Matchmaker matchmaker(OfferRules rules) {
        return new Matchmaker(rules);
    }
}
