package io.pactum.solver.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * What a {@code DealAgreed} log does to the solver's tables, written through the log poller's
 * connection so it commits (or rolls back) with the poller's cursor (W4). Idempotent: applying the
 * same log twice leaves the same rows. Deals the solver did not propose are ignored.
 */
public final class DealAgreedProjection {
    private DealAgreedProjection() {}

    /** Marks the deal agreed (whatever the solver thought: the chain is the truth) and fills its offers. */
    public static boolean apply(Connection c, String dealId, long block, String blockHash, String txHash)
            throws SQLException {
        String id = dealId.toLowerCase();
        int n;
        try (PreparedStatement ps = c.prepareStatement("UPDATE solver_deal SET status = 'agreed', agreed_block = ?,"
                + " agreed_block_hash = ?, tx_hash = coalesce(?, tx_hash), error = NULL, updated_at = now()"
                + " WHERE deal_id = ?")) {
            ps.setLong(1, block);
            ps.setString(2, blockHash);
            ps.setString(3, txHash == null ? null : txHash.toLowerCase());
            ps.setString(4, id);
            n = ps.executeUpdate();
        }
        if (n == 0) {
            return false;
        }
        for (String table : new String[] {"solver_job_offer", "solver_resource_offer"}) {
            String col = table.equals("solver_job_offer") ? "job_offer_id" : "resource_offer_id";
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET status = 'filled', updated_at = now()"
                    + " WHERE id = (SELECT " + col + " FROM solver_deal WHERE deal_id = ?)")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            // another proposal made from the same offer (after this one expired) can no longer happen
            try (PreparedStatement ps = c.prepareStatement("UPDATE solver_deal SET status = 'expired',"
                    + " error = 'offer filled by deal ' || ?, updated_at = now() WHERE deal_id <> ? AND status = 'proposed'"
                    + " AND " + col + " = (SELECT " + col + " FROM solver_deal WHERE deal_id = ?)")) {
                ps.setString(1, id);
                ps.setString(2, id);
                ps.setString(3, id);
                ps.executeUpdate();
            }
        }
        return true;
    }

    /**
     * A reorg removed every block above {@code ancestorBlock}: deals agreed there go back to
     * relaying (the transaction manager re-checks its transaction; the poller re-reads the new
     * chain) and their offers back to proposed.
     */
    public static int rollback(Connection c, long ancestorBlock) throws SQLException {
        for (String table : new String[] {"solver_job_offer", "solver_resource_offer"}) {
            String col = table.equals("solver_job_offer") ? "job_offer_id" : "resource_offer_id";
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET status = 'proposed', updated_at = now()"
                    + " WHERE status = 'filled' AND id IN (SELECT " + col + " FROM solver_deal"
                    + " WHERE status = 'agreed' AND agreed_block > ?)")) {
                ps.setLong(1, ancestorBlock);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE solver_deal SET"
                + " status = CASE WHEN client_sig IS NOT NULL AND node_sig IS NOT NULL AND tx_intent_key IS NOT NULL"
                + " THEN 'relaying' ELSE 'proposed' END,"
                + " agreed_block = NULL, agreed_block_hash = NULL, updated_at = now()"
                + " WHERE status = 'agreed' AND agreed_block > ?")) {
            ps.setLong(1, ancestorBlock);
            return ps.executeUpdate();
        }
    }
}
