package io.pactum.mediator.cases;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** {@link CaseStore} on {@code mediator_case} (migrations/src/main/resources/db/mediator). */
public final class JdbcCaseStore implements CaseStore {

    private final DataSource db;

    public JdbcCaseStore(DataSource db) {
        this.db = db;
    }

    /** A deal naming this mediator was agreed: remember its terms (in the log poller's transaction). */
    public static boolean insertIfAbsent(Connection c, String dealId, String dealJson, long blockNumber) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO mediator_case (deal_id, deal_json, block_number) "
                + "VALUES (?, ?, ?) ON CONFLICT (deal_id) DO NOTHING")) {
            ps.setString(1, dealId);
            ps.setString(2, dealJson);
            ps.setLong(3, blockNumber);
            return ps.executeUpdate() == 1;
        }
    }

    /** The deal was disputed (in the log poller's transaction); false when it does not name us. */
    public static boolean markDisputed(Connection c, String dealId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE mediator_case SET disputed = true, updated_at = now() WHERE deal_id = ? AND NOT disputed")) {
            ps.setString(1, dealId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Reorg below the cursor: forget cases whose agreement is no longer canonical and never disputed. */
    public static void rollbackFrom(Connection c, long fromBlock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM mediator_case WHERE block_number >= ? AND voted_round IS NULL")) {
            ps.setLong(1, fromBlock);
            ps.executeUpdate();
        }
    }

    @Override
    public List<CaseRow> open(int limit) throws IOException {
        List<CaseRow> rows = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT deal_id, deal_json, outcome_cid, fuel_used, correct, "
                        + "voted_round, error FROM mediator_case WHERE status = 'watching' AND disputed "
                        + "ORDER BY created_at, deal_id LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long fuel = rs.getLong(4);
                    Long fuelUsed = rs.wasNull() ? null : fuel;
                    boolean correct = rs.getBoolean(5);
                    Boolean c5 = rs.wasNull() ? null : correct;
                    int round = rs.getInt(6);
                    Integer voted = rs.wasNull() ? null : round;
                    rows.add(new CaseRow(rs.getString(1), rs.getString(2), rs.getString(3), fuelUsed, c5, voted, rs.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot read the open cases", e);
        }
        return rows;
    }

    @Override
    public void saveOutcome(String dealId, String outcomeCid, long fuelUsed, boolean correct) throws IOException {
        update("UPDATE mediator_case SET outcome_cid = ?, fuel_used = ?, correct = ?, error = NULL, updated_at = now() "
                + "WHERE deal_id = ?", ps -> {
                    ps.setString(1, outcomeCid);
                    ps.setLong(2, fuelUsed);
                    ps.setBoolean(3, correct);
                    ps.setString(4, dealId);
                });
    }

    @Override
    public void markVoted(String dealId, int round) throws IOException {
        update("UPDATE mediator_case SET voted_round = ?, updated_at = now() WHERE deal_id = ?", ps -> {
            ps.setInt(1, round);
            ps.setString(2, dealId);
        });
    }

    @Override
    public void finish(String dealId, String finalPhase) throws IOException {
        update("UPDATE mediator_case SET status = 'done', final_phase = ?, updated_at = now() WHERE deal_id = ?", ps -> {
            ps.setString(1, finalPhase);
            ps.setString(2, dealId);
        });
    }

    @Override
    public void note(String dealId, String error) throws IOException {
        update("UPDATE mediator_case SET error = ?, updated_at = now() WHERE deal_id = ?", ps -> {
            ps.setString(1, error);
            ps.setString(2, dealId);
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private void update(String sql, Binder binder) throws IOException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IOException("cannot update mediator_case", e);
        }
    }
}
