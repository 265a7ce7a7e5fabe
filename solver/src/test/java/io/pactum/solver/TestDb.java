package io.pactum.solver;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the embedded PostgreSQL for every @QuarkusTest (one application, one database). */
@QuarkusTestResource(EmbeddedPostgresResource.class)
public final class TestDb {
    private TestDb() {}
}
