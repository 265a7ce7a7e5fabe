package io.pactum.cli.client;

import io.pactum.cli.chain.DealChain;
import io.pactum.cli.chain.DealPhase;
import io.pactum.cli.units.TokenAmount;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.crypto.Bytes;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Human wording of deal facts, shared by {@code deal show} and {@code job run}. */
public final class Describe {
    private Describe() {}

    /** Unix seconds as ISO-8601 UTC. */
    public static String time(long unixSeconds) {
        return Instant.ofEpochSecond(unixSeconds).toString();
    }

    /** 75 → "1m15s". */
    public static String duration(long seconds) {
        if (seconds < 0) {
            return "-" + duration(-seconds);
        }
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return (h > 0 ? h + "h" : "") + (h > 0 || m > 0 ? m + "m" : "") + s + "s";
    }

    /** A binary CID as its string form (hex when it does not parse). */
    public static String cid(Bytes cid) {
        try {
            return Cid.fromBytes(cid.toArray()).toString();
        } catch (RuntimeException e) {
            return cid.toHex();
        }
    }

    public static String deadlineKind(DealPhase phase) {
        return switch (phase) {
            case CLIENT_AGREED, NODE_AGREED -> "agree deadline";
            case AGREED -> "result deadline";
            case RESULT_POSTED -> "judge window ends";
            case MEDIATION_REQUESTED -> "mediation deadline (or appeal window)";
            default -> "deadline";
        };
    }

    public static String timeoutCall(DealPhase phase) {
        return switch (phase) {
            case CLIENT_AGREED, NODE_AGREED -> "expireAgreement";
            case AGREED -> "timeoutResult";
            case RESULT_POSTED -> "finalize";
            case MEDIATION_REQUESTED -> "timeoutMediation (or executeVerdict after an appeal window) on the MediationCourt";
            default -> "nothing";
        };
    }

    /** One line for an event, amounts in tokens. */
    public static String event(DealChain.Event e) {
        Map<String, Object> f = e.fields();
        return switch (e.name()) {
            case "DealAgreed" -> "DealAgreed client " + f.get("client") + ", node " + f.get("node");
            case "DealPartyAgreed" -> "DealPartyAgreed by " + f.get("party");
            case "ResultPosted" -> "ResultPosted " + e.resultCid().map(Describe::cid).orElse("?") + ", fuel " + f.get("fuelUsed");
            case "DealAccepted" -> "DealAccepted " + (Boolean.TRUE.equals(f.get("byClient")) ? "by the client" : "by finalize")
                    + ": node paid " + tok(f.get("nodePayment")) + ", network fee " + tok(f.get("networkFee"))
                    + ", client refund " + tok(f.get("clientRefund"));
            case "MediationRequested" -> "MediationRequested fee " + tok(f.get("fee"));
            case "DealAgreeExpired" -> "DealAgreeExpired " + f.get("party") + " refunded " + tok(f.get("refunded"));
            case "DealResultTimedOut" -> "DealResultTimedOut client refund " + tok(f.get("clientRefund"))
                    + ", node collateral to client " + tok(f.get("nodeCollateralToClient"));
            case "DealMediationTimedOut" -> "DealMediationTimedOut client refund " + tok(f.get("clientRefund"))
                    + ", node refund " + tok(f.get("nodeRefund"));
            case "DealMediated" -> "DealMediated verdict " + f.get("verdict") + ": node paid " + tok(f.get("nodePayment"))
                    + ", network fee " + tok(f.get("networkFee")) + ", client refund " + tok(f.get("clientRefund"))
                    + ", mediators " + f.get("mediators") + " shared " + tok(f.get("mediatorPay"));
            case "KeeperPaid" -> "KeeperPaid " + f.get("keeper") + " bounty " + tok(f.get("bounty"));
            default -> e.name() + " " + f;
        };
    }

    /** Event fields for JSON: amounts as decimal strings, CIDs as strings. */
    public static Map<String, Object> jsonFields(Map<String, Object> fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (v instanceof BigInteger b) {
                m.put(k, b.toString());
            } else if ("resultCid".equals(k) && v instanceof String s) {
                m.put(k, cid(Bytes.fromHex(s)));
            } else {
                m.put(k, v);
            }
        });
        return m;
    }

    static String tok(Object v) {
        return v instanceof BigInteger b ? TokenAmount.format(b) : String.valueOf(v);
    }
}
