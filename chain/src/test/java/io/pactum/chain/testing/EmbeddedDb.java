package io.pactum.chain.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * An embedded PostgreSQL (zonky) with the Flyway migrations of {@code db/chain} and any extra
 * locations (a service passes its own, e.g. {@code classpath:db/node}). {@link #freshDatabase()}
 * gives each test its own migrated database on the same server.
 */
public final class EmbeddedDb implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private final EmbeddedPostgres pg;
  private final List<String> locations;

  private EmbeddedDb(EmbeddedPostgres pg, List<String> locations) {
    this.pg = pg;
    this.locations = locations;
  }

  public static EmbeddedDb start(String... extraLocations) {
    List<String> locations = new ArrayList<>();
    locations.add("classpath:db/chain");
    locations.addAll(List.of(extraLocations));
    try {
      return new EmbeddedDb(EmbeddedPostgres.builder().start(), locations);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start embedded PostgreSQL", e);
    }
  }

  /** A new, migrated database. */
  public DataSource freshDatabase() {
    String name = "t" + COUNTER.incrementAndGet();
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    DataSource ds = pg.getDatabase("postgres", name);
    migrate(ds);
    return ds;
  }

  public void migrate(DataSource ds) {
    Flyway.configure().dataSource(ds).locations(locations.toArray(String[]::new)).load().migrate();
  }

  public String jdbcUrl(String database) {
    return pg.getJdbcUrl("postgres", database);
  }

  @Override
  public void close() {
    try {
      pg.close();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
