package io.pactum.cli.commands;

import io.pactum.cli.CliException;
import io.pactum.cli.chain.DealChain;
import io.pactum.cli.chain.DealPhase;
import io.pactum.cli.client.Describe;
import io.pactum.cli.output.Output;
import io.pactum.cli.solver.DealView;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.json.ProtocolJson;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pactum deal show <dealId>}: state, deadlines, parties, amounts, result and history. */
@Command(name = "show", description = "Show a deal: phase, deadline (chain time), parties, amounts, result, events.")
final class DealShowCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "<dealId>", description = "The deal id (0x + 64 hex digits).")
    String dealIdText;

    @Override
    int run(Output out) {
        Bytes32 dealId;
        try {
            dealId = Bytes32.fromHex(dealIdText);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("invalid deal id: " + e.getMessage());
        }
        try (DealChain chain = root().backends().deals(root().config())) {
            long now = chain.chainTime();
            DealChain.Record record = chain.dealRecord(dealId);
            List<DealChain.Event> events = chain.events(dealId);
            Optional<Deal> terms = events.stream().filter(e -> e.deal() != null).map(DealChain.Event::deal).findFirst();
            String source = "chain";
            if (terms.isEmpty() && root().config().solverUrl() != null) {
                try {
                    DealView view = root().backends().solver(root().config()).deal(dealId);
                    terms = Optional.ofNullable(view.deal());
                    source = "solver (" + view.status() + ")";
                } catch (CliException e) {
                    // not known to the solver either: shown below
                }
            }
            if (record.phase() == DealPhase.NONE && terms.isEmpty()) {
                throw CliException.failure("deal " + dealId + " is unknown to the DealManager and the solver");
            }
            DealChain.Deadline deadline = terms.isPresent() && !record.phase().terminal() && record.phase() != DealPhase.NONE
                    ? chain.currentDeadline(terms.get()) : new DealChain.Deadline(0, false);

            out.line("deal         " + dealId);
            out.line("phase        " + record.phase().solidityName() + "   (chain time " + Describe.time(now) + ")");
            if (deadline.deadline() != 0) {
                out.line("deadline     " + Describe.deadlineKind(record.phase()) + " " + Describe.time(deadline.deadline())
                        + (deadline.passed() ? "  PASSED: anyone may now call " + Describe.timeoutCall(record.phase())
                                : "  (in " + Describe.duration(deadline.deadline() - now) + ")"));
            }
            terms.ifPresent(d -> {
                out.line("terms from   " + (events.stream().anyMatch(e -> e.deal() != null) ? "DealAgreed event" : "solver"));
                out.line("client       " + d.client());
                out.line("node         " + d.node());
                out.line("price        " + tokens(d.price())
                        + (d.pricePerFuel().signum() == 0 ? " (fixed)" : " max, " + d.pricePerFuel() + " wei per fuel"));
                out.line("collateral   client " + tokens(d.clientCollateral()) + ", node " + tokens(d.nodeCollateral())
                        + ", cheating " + tokens(d.cheatingCollateral()));
                out.line("mediation    fee " + tokens(d.mediationFee()) + ", mediators "
                        + (d.mediators().isEmpty() ? "none (client judges alone)" : d.mediators().toString()));
                out.line("timeouts     result " + d.resultTimeout() + "s, judge " + d.judgeTimeout() + "s, mediation "
                        + d.mediationTimeout() + "s; agree by " + Describe.time(d.agreeDeadline()));
                out.line("job spec     " + Describe.cid(d.jobSpecCid()) + ", max fuel " + d.maxFuel());
            });
            if (record.agreedAt() != 0) {
                out.line("agreed at    " + Describe.time(record.agreedAt()));
            }
            Optional<DealChain.Event> result = events.stream().filter(e -> e.name().equals("ResultPosted")).findFirst();
            result.ifPresent(e -> out.line("result       " + e.resultCid().map(Describe::cid).orElse("?") + ", fuel "
                    + e.fields().get("fuelUsed") + ", posted " + Describe.time(record.resultAt())));
            if (!events.isEmpty()) {
                out.line("events");
                for (DealChain.Event e : events) {
                    out.line("  block " + e.block() + "  " + e.txHash() + "  " + Describe.event(e));
                }
            }

            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("dealId", dealId.toHex());
            doc.put("phase", record.phase().solidityName());
            doc.put("chainTime", now);
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("agreedAt", record.agreedAt());
            rec.put("resultAt", record.resultAt());
            rec.put("disputedAt", record.disputedAt());
            rec.put("fuelUsed", record.fuelUsed());
            doc.put("record", rec);
            if (deadline.deadline() != 0) {
                Map<String, Object> dl = new LinkedHashMap<>();
                dl.put("kind", Describe.deadlineKind(record.phase()));
                dl.put("at", deadline.deadline());
                dl.put("passed", deadline.passed());
                dl.put("secondsLeft", Math.max(0, deadline.deadline() - now));
                doc.put("deadline", dl);
            } else {
                doc.put("deadline", null);
            }
            doc.put("termsSource", terms.isEmpty() ? null : source);
            doc.put("terms", terms.map(d -> ProtocolJson.mapper().valueToTree(d)).orElse(null));
            doc.put("result", result.map(e -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("cid", e.resultCid().map(Describe::cid).orElse(null));
                r.put("fuelUsed", e.fields().get("fuelUsed").toString());
                return r;
            }).orElse(null));
            List<Map<String, Object>> ev = new ArrayList<>();
            for (DealChain.Event e : events) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", e.name());
                m.put("block", e.block());
                m.put("tx", e.txHash());
                m.put("fields", Describe.jsonFields(e.fields()));
                ev.add(m);
            }
            doc.put("events", ev);
            out.result(doc);
            return 0;
        }
    }

    static String amount(Object v) {
        return v instanceof BigInteger b ? tokens(b) : String.valueOf(v);
    }
}
