package io.pactum.chain.logs;

import java.sql.Connection;
import java.sql.SQLException;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Handles one new log inside the database transaction that also records it as processed and
 * advances the cursor: write derived rows through {@code connection}, do not commit. Throwing
 * rolls the whole range back; the next tick retries it.
 */
@FunctionalInterface
public interface LogHandler {
  void handle(Connection connection, Log log) throws SQLException;
}
