package rumble.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/**
 * Opens SQLite connections with the settings every pooled connection needs. This is the only
 * SQLite-specific piece of the layer: a PostgreSQL port would replace it (and the pragma checks in
 * {@link Database}) and keep the repositories and migrations as they are.
 */
final class SqliteConnector {
  private final String url;
  private final SQLiteConfig config = new SQLiteConfig();

  SqliteConnector(Path file, int busyTimeoutMillis) {
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

  Connection open() throws SQLException {
    return config.createConnection(url);
  }
}
