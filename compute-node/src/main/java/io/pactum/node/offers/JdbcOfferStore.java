package io.pactum.node.offers;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link OfferStore} on {@code node_offer}, {@code node_deal_signature}, {@code node_deal_rejection}. */
public final class JdbcOfferStore implements OfferStore {

    private static final String OFFER_COLUMNS = "offer_id, node_address, nonce, offer_json, signature, expiry, status";
    private static final String SIG_COLUMNS = "deal_id, offer_id, deal_json, signature, posted";

    private final DataSource dataSource;

    public JdbcOfferStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void insert(StoredOffer o) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO node_offer (" + OFFER_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, o.offerId());
            ps.setString(2, o.nodeAddress());
            ps.setBigDecimal(3, new BigDecimal(o.nonce()));
            ps.setString(4, o.offerJson());
            ps.setString(5, o.signature());
            ps.setLong(6, o.expiry());
            ps.setString(7, o.status().db());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("insert offer " + o.offerId(), e);
        }
    }

    @Override
    public Optional<StoredOffer> find(String offerId) {
        return queryOffer("SELECT " + OFFER_COLUMNS + " FROM node_offer WHERE offer_id = ?", offerId);
    }

    @Override
    public Optional<StoredOffer> latestLive(String nodeAddress) {
        return queryOffer("SELECT " + OFFER_COLUMNS + " FROM node_offer WHERE node_address = ?"
                + " AND status IN ('signed', 'open', 'proposed') ORDER BY created_at DESC, expiry DESC LIMIT 1", nodeAddress);
    }

    @Override
    public void updateStatus(String offerId, OfferStatus status, String error) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE node_offer SET status = ?, error = ?, updated_at = now() WHERE offer_id = ?")) {
            ps.setString(1, status.db());
            ps.setString(2, error);
            ps.setString(3, offerId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("update offer " + offerId, e);
        }
    }

    @Override
    public Optional<SignedDeal> signedDeal(String dealId) {
        return querySig("SELECT " + SIG_COLUMNS + " FROM node_deal_signature WHERE deal_id = ?", dealId);
    }

    @Override
    public Optional<SignedDeal> signedDealForOffer(String offerId) {
        return querySig("SELECT " + SIG_COLUMNS + " FROM node_deal_signature WHERE offer_id = ?", offerId);
    }

    @Override
    public boolean insertSignedDeal(SignedDeal d) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO node_deal_signature (" + SIG_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, d.dealId());
            ps.setString(2, d.offerId());
            ps.setString(3, d.dealJson());
            ps.setString(4, d.signature());
            ps.setBoolean(5, d.posted());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("insert signature of " + d.dealId(), e);
        }
    }

    @Override
    public void markSignaturePosted(String dealId) {
        exec("UPDATE node_deal_signature SET posted = TRUE, updated_at = now() WHERE deal_id = ?", dealId);
    }

    @Override
    public java.util.List<SignedDeal> unagreedSignedDeals(long minAgreeDeadline) {
        String sql = "SELECT " + SIG_COLUMNS + " FROM node_deal_signature s"
                + " WHERE NOT EXISTS (SELECT 1 FROM node_job j WHERE j.deal_id = s.deal_id)"
                + " AND (s.deal_json::jsonb ->> 'agreeDeadline')::numeric >= ? ORDER BY s.created_at";
        java.util.List<SignedDeal> out = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, minAgreeDeadline);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SignedDeal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return out;
    }

    @Override
    public void reject(String dealId, String reason) {
        exec("INSERT INTO node_deal_rejection (deal_id, reason) VALUES (?, ?) ON CONFLICT DO NOTHING", dealId, reason);
    }

    @Override
    public boolean isRejected(String dealId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM node_deal_rejection WHERE deal_id = ?")) {
            ps.setString(1, dealId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("rejection of " + dealId, e);
        }
    }

    private void exec(String sql, String... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private Optional<StoredOffer> queryOffer(String sql, String arg) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredOffer(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getBigDecimal(3).toBigIntegerExact(),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6),
                        OfferStatus.fromDb(rs.getString(7))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private Optional<SignedDeal> querySig(String sql, String arg) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SignedDeal(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
