package io.pactum.cli.commands;

import io.pactum.cli.CliException;
import io.pactum.cli.chain.Disputes;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.deal.Deal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the dispute and appeal commands share: the deal id, its agreed terms, the court's view. */
final class DisputeSupport {
    private DisputeSupport() {}

    static Bytes32 dealId(String text) {
        try {
            return Bytes32.fromHex(text);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("invalid deal id: " + e.getMessage());
        }
    }

    static Deal terms(Disputes chain, Bytes32 dealId) {
        return chain.agreedTerms(dealId)
                .orElseThrow(() -> CliException.failure("deal " + dealId + " has no DealAgreed event on this DealManager"));
    }

    static String verdict(int verdict) {
        return switch (verdict) {
            case 1 -> "correct";
            case 2 -> "incorrect";
            default -> "none yet";
        };
    }

    static Map<String, Object> mediationJson(Disputes.Mediation m) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("round", m.round());
        doc.put("firstVerdict", verdict(m.verdict0()));
        doc.put("verdictPending", m.verdictPending());
        doc.put("panel", m.panel().stream().map(Address::toString).toList());
        doc.put("panelDrawn", m.drawn());
        doc.put("deadline", m.deadline());
        doc.put("deadlinePassed", m.deadlinePassed());
        return doc;
    }

    static String panel(List<Address> panel, boolean drawn) {
        if (panel.isEmpty()) {
            return "not drawable yet (the seed block is not mined)";
        }
        return panel + (drawn ? "" : " (the draw the first vote or `draw` will make)");
    }
}
