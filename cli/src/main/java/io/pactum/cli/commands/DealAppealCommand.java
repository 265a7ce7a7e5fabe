package io.pactum.cli.commands;

import io.pactum.cli.CliException;
import io.pactum.cli.chain.DealChain;
import io.pactum.cli.chain.DealPhase;
import io.pactum.cli.chain.Disputes;
import io.pactum.cli.chain.Tx;
import io.pactum.cli.client.Describe;
import io.pactum.cli.output.Output;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.deal.Deal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pactum deal appeal <dealId>}: the losing party appeals a first verdict (one appeal, second fee). */
@Command(name = "appeal", description = {
        "Appeal the first panel's verdict as the party it went against (the client after 'correct', the node",
        "after 'incorrect'), within the appeal window: locks a second mediation fee; a panel of 2k+1 decides",
        "for good. If it does not decide in time, the first verdict stands and the fee is refunded."})
final class DealAppealCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "<dealId>", description = "The deal id (0x + 64 hex digits).")
    String dealIdText;

    @Override
    int run(Output out) {
        Bytes32 dealId = DisputeSupport.dealId(dealIdText);
        try (Disputes chain = root().backends().disputes(root().config())) {
            Deal deal = DisputeSupport.terms(chain, dealId);
            DealChain.Record record = chain.dealRecord(dealId);
            if (record.phase() != DealPhase.MEDIATION_REQUESTED) {
                throw CliException.failure("deal " + dealId + " is " + record.phase().solidityName() + ": nothing to appeal");
            }
            Disputes.Mediation m = chain.mediation(deal);
            if (!m.verdictPending()) {
                throw CliException.failure(m.round() == 1 ? "deal " + dealId + " was appealed already (one appeal per deal)"
                        : "the first panel has not decided yet");
            }
            if (m.deadlinePassed()) {
                throw CliException.failure("the appeal window ended at " + Describe.time(m.deadline())
                        + ": anyone may now execute the verdict");
            }
            Address me = chain.account();
            Address loser = m.verdict0() == 1 ? deal.client() : deal.node();
            if (!loser.equals(me)) {
                throw CliException.usage("the first verdict (" + DisputeSupport.verdict(m.verdict0()) + ") went against " + loser
                        + ": only that party can appeal (this key is " + me + ")");
            }
            BigInteger free = chain.freeBalance(me);
            if (free.compareTo(deal.mediationFee()) < 0) {
                throw CliException.failure("the appeal fee is " + tokens(deal.mediationFee()) + " but the vault free balance is "
                        + tokens(free) + ": deposit first");
            }
            Tx tx = chain.appeal(deal);
            out.progress("appealed deal " + dealId + " (tx " + tx.hash() + ", block " + tx.block() + "), fee "
                    + tokens(deal.mediationFee()) + " locked");
            Disputes.Mediation after = chain.mediation(deal);
            out.line("panel        " + DisputeSupport.panel(after.panel(), after.drawn()));
            out.line("deadline     final verdict by " + Describe.time(after.deadline()));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("dealId", dealId.toHex());
            doc.put("fee", deal.mediationFee().toString());
            doc.put("tx", DepositCommand.txJson(tx));
            doc.put("mediation", DisputeSupport.mediationJson(after));
            out.result(doc);
            return 0;
        }
    }
}
