package io.pactum.chain.logs;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Called inside the database transaction that rewinds the cursor after a reorg: delete (or
 * restore) every derived row that came from a block above {@code ancestorBlock}. Do not commit.
 */
@FunctionalInterface
public interface ReorgListener {
  ReorgListener NONE = (c, b) -> {};

  void rolledBack(Connection connection, long ancestorBlock) throws SQLException;
}
