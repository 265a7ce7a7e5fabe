package io.pactum.solver;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Snapshots and resets of the solver's tables, to prove a rejection wrote nothing. */
public final class BookTables {
    private BookTables() {}

    private static final String[] TABLES = {"solver_job_offer", "solver_resource_offer", "solver_deal"};

    /** Row counts and an md5 of every row's full content, per table. */
    public static String snapshot(DataSource ds) {
        StringBuilder sb = new StringBuilder();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String t : TABLES) {
                String key = t.equals("solver_deal") ? "deal_id" : "id";
                try (ResultSet rs = s.executeQuery("SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY " + key
                        + "), '')) FROM " + t + " t")) {
                    rs.next();
                    sb.append(t).append('=').append(rs.getLong(1)).append(':').append(rs.getString(2)).append(' ');
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return sb.toString().trim();
    }

    public static void clear(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE solver_deal, solver_job_offer, solver_resource_offer");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
