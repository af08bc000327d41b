package rumble.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Everything that differs between the two databases the game runs on, in one place. The
 * repositories' SQL is the same on both (ON CONFLICT, RETURNING, LIKE ... ESCAPE, BIGINT epoch
 * millis); what is left is how connections are pooled and opened, how a transaction commits, how
 * concurrent migrations are kept apart, and the DDL of the one migration that cannot be shared
 * (auto-assigned ids: see {@link Migrations}).
 */
public enum Dialect {
  /** The embedded default: one file under the data folder, WAL, one writer at a time. */
  SQLITE("SQLite", "sqlite") {
    @Override
    ConnectionPool openPool(DatabaseTarget target, int size) throws SQLException {
      return SqlitePool.open(target.sqliteFile(), size);
    }

    /**
     * Commits by turning auto-commit back on, which JDBC defines as a commit. sqlite-jdbc's commit()
     * would BEGIN the next transaction at once, taking the write lock again: that could wait for
     * another writer, or even fail with SQLITE_BUSY after our data was already committed.
     */
    @Override
    void commit(Connection c) throws SQLException {
      try {
        c.setAutoCommit(true);
      } catch (SQLException failure) {
        // e.g. a deferred constraint failed. The driver may already think it is in auto-commit
        // mode while the transaction is still open, so end it by hand, or drop the connection
        // (the pool opens a new one in its slot).
        try (Statement s = c.createStatement()) {
          s.execute("ROLLBACK");
        } catch (SQLException rollbackFailure) {
          failure.addSuppressed(rollbackFailure);
          SqlitePool.closeQuietly(c);
        }
        throw failure;
      }
    }

    /** Nothing to do: transactions BEGIN IMMEDIATE, which already holds SQLite's single write lock. */
    @Override
    void lockForMigration(Connection c) {}
  },

  /** A shared server (DATABASE_URL), e.g. for several nodes; pooled by HikariCP. */
  POSTGRESQL("PostgreSQL", "postgresql") {
    @Override
    ConnectionPool openPool(DatabaseTarget target, int size) throws SQLException {
      return PostgresPool.open(target, size);
    }

    @Override
    void commit(Connection c) throws SQLException {
      // A failed COMMIT (e.g. a deferred constraint) has already ended the transaction on the
      // server; Database.giveBack rolls back and restores auto-commit on its way to the pool.
      c.commit();
      c.setAutoCommit(true);
    }

    /**
     * Nodes starting at once would otherwise run the same CREATE TABLE side by side (READ
     * COMMITTED lets both see "not applied yet"), and one of them would fail. The lock is held
     * until the transaction ends; its key is shared by every schema in the database, which only
     * ever makes migrations wait for each other.
     */
    @Override
    void lockForMigration(Connection c) throws SQLException {
      try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        s.setLong(1, MIGRATION_LOCK_KEY);
        s.execute();
      }
    }
  };

  /** Any constant unlikely to collide with another application's advisory locks ("RUMBLE" in ASCII). */
  private static final long MIGRATION_LOCK_KEY = 0x52554D424C45L;

  private final String displayName;
  private final String fileTag;

  Dialect(String displayName, String fileTag) {
    this.displayName = displayName;
    this.fileTag = fileTag;
  }

  /** Opens {@code size} connections to the target (failing if it cannot be reached). */
  abstract ConnectionPool openPool(DatabaseTarget target, int size) throws SQLException;

  /** Commits the transaction on {@code c} and leaves it in auto-commit mode. */
  abstract void commit(Connection c) throws SQLException;

  /** Called first in each migration transaction: afterwards no other node migrates until it ends. */
  abstract void lockForMigration(Connection c) throws SQLException;

  /**
   * The name of this dialect's own version of a migration: {@code V001__accounts.sql} becomes
   * {@code V001__accounts.postgresql.sql}.
   */
  String variantOf(String migrationFileName) {
    return migrationFileName.replaceFirst("\\.sql$", "." + fileTag + ".sql");
  }

  @Override
  public String toString() {
    return displayName;
  }
}
