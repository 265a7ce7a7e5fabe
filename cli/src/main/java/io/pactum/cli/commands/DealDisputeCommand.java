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

/** {@code pactum deal dispute <dealId>}: the client disputes a posted result and pays the mediation fee. */
@Command(name = "dispute", description = {
        "Dispute a posted result as the deal's client, within the judge window: locks the mediation fee; a panel",
        "of the agreed mediators re-runs the job and votes. Correct: the node is paid and the fee goes to the",
        "mediators. Incorrect: the node's cheating collateral is slashed and you are refunded."})
final class DealDisputeCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "<dealId>", description = "The deal id (0x + 64 hex digits).")
    String dealIdText;

    @Override
    int run(Output out) {
        Bytes32 dealId = DisputeSupport.dealId(dealIdText);
        try (Disputes chain = root().backends().disputes(root().config())) {
            Deal deal = DisputeSupport.terms(chain, dealId);
            Address me = chain.account();
            if (!deal.client().equals(me)) {
                throw CliException.usage("only the deal's client " + deal.client() + " can dispute (this key is " + me + ")");
            }
            DealChain.Record record = chain.dealRecord(dealId);
            if (record.phase() != DealPhase.RESULT_POSTED) {
                throw CliException.failure("deal " + dealId + " is " + record.phase().solidityName()
                        + ": only a posted result (ResultPosted) can be disputed");
            }
            if (deal.mediators().isEmpty()) {
                throw CliException.failure("deal " + dealId + " has no agreed mediators: it is judged by its client alone");
            }
            DealChain.Deadline judge = chain.currentDeadline(deal);
            if (judge.passed()) {
                throw CliException.failure("the judge window ended at " + Describe.time(judge.deadline())
                        + ": the result counts as accepted (anyone may finalize)");
            }
            BigInteger free = chain.freeBalance(me);
            if (free.compareTo(deal.mediationFee()) < 0) {
                throw CliException.failure("the mediation fee is " + tokens(deal.mediationFee()) + " but the vault free balance is "
                        + tokens(free) + ": deposit first");
            }
            Tx tx = chain.requestMediation(deal);
            out.progress("disputed deal " + dealId + " (tx " + tx.hash() + ", block " + tx.block() + "), fee "
                    + tokens(deal.mediationFee()) + " locked");
            Disputes.Mediation m = chain.mediation(deal);
            out.line("mediators    " + deal.mediators());
            out.line("panel        " + DisputeSupport.panel(m.panel(), m.drawn()));
            out.line("deadline     verdict by " + Describe.time(m.deadline()) + " (else both refunded, mediators unpaid)");
            out.line("follow       pactum deal show " + dealId);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("dealId", dealId.toHex());
            doc.put("fee", deal.mediationFee().toString());
            doc.put("tx", DepositCommand.txJson(tx));
            doc.put("mediation", DisputeSupport.mediationJson(m));
            out.result(doc);
            return 0;
        }
    }
}
