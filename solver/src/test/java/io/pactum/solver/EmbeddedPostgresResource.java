package io.pactum.solver;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.Map;

/** One embedded PostgreSQL (zonky) for the test run; Quarkus' Flyway migrates it at start. */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {
    private EmbeddedPostgres pg;

    @Override
    public Map<String, String> start() {
        try {
            pg = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL", e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", pg.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException ignored) {
                // shutting down
            }
        }
    }
}
