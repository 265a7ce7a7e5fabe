package io.pactum.node.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link JobStore} on {@code node_job} (PostgreSQL, plain JDBC). */
public final class JdbcJobStore implements JobStore {

    private static final String COLUMNS =
            "deal_id, deal_json, status, outcome_status, outcome_cid, fuel_used, attempts, error, resubmissions";

    private final DataSource dataSource;

    public JdbcJobStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts a pending job for an agreed deal on the caller's connection (the log poller's
     * transaction), doing nothing when the deal is already known.
     *
     * @return true when a row was inserted
     */
    public static boolean insertIfAbsent(Connection c, String dealId, String dealJson, long blockNumber, String blockHash)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO node_job (deal_id, deal_json, block_number, block_hash) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (deal_id) DO NOTHING")) {
            ps.setString(1, dealId);
            ps.setString(2, dealJson);
            ps.setLong(3, blockNumber);
            ps.setString(4, blockHash);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Reorg rollback on the poller's connection: forgets jobs whose DealAgreed log came from a block at or
     * above {@code fromBlock} and that have not started (a job already run is kept: the worker re-checks
     * the contract before anything else, and its outcome is deterministic).
     */
    public static int rollbackFrom(Connection c, long fromBlock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM node_job WHERE block_number >= ? AND status = 'pending'")) {
            ps.setLong(1, fromBlock);
            return ps.executeUpdate();
        }
    }

    public boolean insertIfAbsent(String dealId, String dealJson, long blockNumber, String blockHash) {
        try (Connection c = dataSource.getConnection()) {
            return insertIfAbsent(c, dealId, dealJson, blockNumber, blockHash);
        } catch (SQLException e) {
            throw new IllegalStateException("insert job " + dealId, e);
        }
    }

    @Override
    public List<JobRow> open(int limit) {
        List<JobRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                        + " FROM node_job WHERE status NOT IN ('done', 'failed') ORDER BY created_at, deal_id LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("list open jobs", e);
        }
    }

    @Override
    public Optional<JobRow> find(String dealId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM node_job WHERE deal_id = ?")) {
            ps.setString(1, dealId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("find job " + dealId, e);
        }
    }

    @Override
    public void markRunning(String dealId) {
        update("UPDATE node_job SET status = 'running', attempts = attempts + 1, started_at = now(), updated_at = now()"
                + " WHERE deal_id = ? AND status NOT IN ('done', 'failed')", dealId);
    }

    @Override
    public void markRetry(String dealId, String error) {
        update("UPDATE node_job SET status = CASE WHEN status = 'running' THEN 'pending' ELSE status END, error = ?,"
                + " updated_at = now()"
                + " WHERE deal_id = ? AND status NOT IN ('done', 'failed')", error, dealId);
    }

    @Override
    public void markOutcomeStored(String dealId, String outcomeStatus, String outcomeCid, long fuelUsed) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE node_job SET status = 'outcome_stored', outcome_status = ?,"
                        + " outcome_cid = ?, fuel_used = ?, error = NULL, updated_at = now()"
                        + " WHERE deal_id = ? AND status NOT IN ('done', 'failed')")) {
            ps.setString(1, outcomeStatus);
            ps.setString(2, outcomeCid);
            ps.setLong(3, fuelUsed);
            ps.setString(4, dealId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("store outcome of " + dealId, e);
        }
    }

    @Override
    public void markResultSubmitted(String dealId) {
        update("UPDATE node_job SET status = 'result_submitted', updated_at = now()"
                + " WHERE deal_id = ? AND status = 'outcome_stored'", dealId);
    }

    @Override
    public void markResubmitting(String dealId, String error) {
        update("UPDATE node_job SET resubmissions = resubmissions + 1, error = ?, updated_at = now()"
                + " WHERE deal_id = ? AND status = 'result_submitted'", error, dealId);
    }

    @Override
    public void markDone(String dealId) {
        update("UPDATE node_job SET status = 'done', finished_at = now(), updated_at = now()"
                + " WHERE deal_id = ? AND status NOT IN ('done', 'failed')", dealId);
    }

    @Override
    public void markFailed(String dealId, String error) {
        update("UPDATE node_job SET status = 'failed', error = ?, finished_at = now(), updated_at = now()"
                + " WHERE deal_id = ? AND status NOT IN ('done', 'failed')", error, dealId);
    }

    @Override
    public long count() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM node_job");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("count jobs", e);
        }
    }

    /** Jobs that are not finished (for the offer loop's capacity check). */
    public long countOpen() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM node_job WHERE status NOT IN ('done', 'failed')");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("count open jobs", e);
        }
    }

    private void update(String sql, String... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static JobRow row(ResultSet rs) throws SQLException {
        long fuel = rs.getLong("fuel_used");
        Long fuelUsed = rs.wasNull() ? null : fuel;
        return new JobRow(
                rs.getString("deal_id"),
                rs.getString("deal_json"),
                JobStatus.fromDb(rs.getString("status")),
                rs.getString("outcome_status"),
                rs.getString("outcome_cid"),
                fuelUsed,
                rs.getInt("attempts"),
                rs.getString("error"),
                rs.getInt("resubmissions"));
    }
}
