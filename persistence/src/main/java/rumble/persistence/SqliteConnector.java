package rumble.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/** Opens SQLite connections with the settings every pooled connection needs, and checks they took. */
final class SqliteConnector {
  private final Path file;
  private final String url;
  private final SQLiteConfig config = new SQLiteConfig();

  SqliteConnector(Path file, int busyTimeoutMillis) {
    this.file = file;
    this.url = "jdbc:sqlite:" + file.toAbsolutePath();
    // WAL lets readers (hiscore pages, logins) run while a write-behind batch is committing.
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // NORMAL is the recommended pairing with WAL: durable across app crashes, and a power loss
    // can at worst drop the last few commits, never corrupt the file.
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    // SQLite ships with foreign keys OFF per connection; the original game never turned them on.
    config.enforceForeignKeys(true);
    // Wait for the single writer lock instead of failing at once with SQLITE_BUSY.
    config.setBusyTimeout(busyTimeoutMillis);
    // BEGIN IMMEDIATE takes the write lock up front. A DEFERRED transaction that reads and then
    // writes can fail with SQLITE_BUSY_SNAPSHOT without ever calling the busy handler.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
  }

  /** A new connection in WAL mode with foreign keys on; SQLException if either did not take. */
  Connection open() throws SQLException {
    Connection c = config.createConnection(url);
    try {
      requirePragma(c, "journal_mode", "wal");
      requirePragma(c, "foreign_keys", "1");
      return c;
    } catch (SQLException e) {
      SqlitePool.closeQuietly(c);
      throw e;
    }
  }

  /** Fails loudly if a setting did not take (e.g. WAL is unavailable on some network filesystems). */
  private void requirePragma(Connection c, String pragma, String expected) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + pragma)) {
      String actual = rs.next() ? rs.getString(1) : null;
      if (!expected.equalsIgnoreCase(actual)) {
        throw new SQLException("SQLite " + pragma + " is '" + actual + "', expected '" + expected
            + "' for " + file);
      }
    }
  }
}
