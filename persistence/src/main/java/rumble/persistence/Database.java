package rumble.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The game's SQLite database: a small fixed pool of pre-opened connections plus schema migrations.
 *
 * <p>All methods block and are thread-safe; run them off the game loop (callers use a dedicated
 * dispatcher). Each connection is used by one thread at a time. SQLite allows one writer at a time,
 * so a pool of 2-4 is plenty: extra connections only help concurrent readers.
 */
public final class Database implements AutoCloseable {
  public static final String FILE_NAME = "rumble.db";
  /** How long a statement waits for SQLite's write lock before failing with SQLITE_BUSY. */
  public static final int BUSY_TIMEOUT_MILLIS = 5_000;
  /** How long a caller waits for a free pooled connection before giving up. */
  private static final long BORROW_TIMEOUT_MILLIS = 30_000;
  /** Waiting borrowers wake up this often to notice {@link #close()}. */
  private static final long BORROW_POLL_MILLIS = 100;

  private final Path file;
  private final int poolSize;
  private final SqliteConnector connector;
  private final BlockingQueue<Connection> idle;
  /** The connection the current thread holds; nesting would deadlock a full pool, so it is refused. */
  private final ThreadLocal<Connection> held = new ThreadLocal<>();
  private volatile boolean closed;

  private Database(Path file, int poolSize) {
    this.file = file;
    this.poolSize = poolSize;
    this.connector = new SqliteConnector(file, BUSY_TIMEOUT_MILLIS);
    this.idle = new ArrayBlockingQueue<>(poolSize);
  }

  /**
   * Creates dataDir if missing, opens dataDir/rumble.db with {@code poolSize} connections (WAL,
   * foreign_keys=ON, busy_timeout) and runs pending migrations. Throws SQLException if the file
   * cannot be opened, a setting does not take, a migration fails or the schema is newer than this
   * code; IllegalArgumentException if poolSize &lt; 1.
   */
  public static Database open(Path dataDir, int poolSize) throws SQLException {
    Objects.requireNonNull(dataDir, "dataDir");
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
    }
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new SQLException("Cannot create data directory " + dataDir + ": " + e.getMessage(), e);
    }
    Database db = new Database(dataDir.resolve(FILE_NAME), poolSize);
    try {
      for (int i = 0; i < poolSize; i++) {
        db.idle.add(db.openConnection());
      }
      Migrations.apply(db, Migrations.load());
      return db;
    } catch (SQLException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  public Path file() {
    return file;
  }

  public int poolSize() {
    return poolSize;
  }

  /**
   * Borrows a pooled connection for one unit of work (auto-commit on) and returns it afterwards.
   * Do not call {@code withConnection}/{@code inTransaction} again from inside {@code work}: that
   * throws {@link IllegalStateException}, because with a full pool it would wait forever.
   */
  public <T> T withConnection(SqlWork<T> work) throws SQLException {
    Objects.requireNonNull(work, "work");
    Connection c = borrow(BORROW_TIMEOUT_MILLIS);
    try {
      return work.run(c);
    } finally {
      giveBack(c);
    }
  }

  /**
   * Runs {@code work} in one transaction: commit on success, rollback on any exception (which is
   * then rethrown). On SQLite the transaction takes the write lock when it starts.
   */
  public <T> T inTransaction(SqlWork<T> work) throws SQLException {
    Objects.requireNonNull(work, "work");
    return withConnection(c -> {
      c.setAutoCommit(false);
      T result;
      try {
        result = work.run(c);
      } catch (Throwable failure) {
        rollback(c, failure);
        throw failure;
      }
      commit(c);
      return result;
    });
  }

  /**
   * Commits by turning auto-commit back on, which JDBC defines as a commit. sqlite-jdbc's commit()
   * would BEGIN the next transaction at once, taking the write lock again: that could wait for
   * another writer, or even fail with SQLITE_BUSY after our data was already committed.
   */
  private static void commit(Connection c) throws SQLException {
    try {
      c.setAutoCommit(true);
    } catch (SQLException failure) {
      // e.g. a deferred constraint failed. The driver may already think it is in auto-commit
      // mode while the transaction is still open, so end it by hand, or drop the connection.
      try (Statement s = c.createStatement()) {
        s.execute("ROLLBACK");
      } catch (SQLException rollbackFailure) {
        failure.addSuppressed(rollbackFailure);
        closeQuietly(c);
      }
      throw failure;
    }
  }

  private static void rollback(Connection c, Throwable failure) {
    try {
      c.rollback();
      c.setAutoCommit(true);
    } catch (SQLException rollbackFailure) {
      failure.addSuppressed(rollbackFailure); // giveBack() retries or drops the connection
    }
  }

  /**
   * Readiness probe: true when the database answers a trivial query within the busy timeout.
   * It reads schema_migrations rather than {@code SELECT 1} so that it proves the file itself is
   * still readable. Never throws.
   */
  public boolean isHealthy() {
    if (closed) {
      return false;
    }
    try {
      Connection c = borrow(BUSY_TIMEOUT_MILLIS);
      try (Statement s = c.createStatement()) {
        s.setQueryTimeout((BUSY_TIMEOUT_MILLIS + 999) / 1000);
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM schema_migrations")) {
          return rs.next() && rs.getLong(1) > 0;
        }
      } finally {
        giveBack(c);
      }
    } catch (Exception e) {
      return false;
    }
  }

  /** The highest applied migration number (0 for an empty database). */
  public int schemaVersion() throws SQLException {
    return withConnection(c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  /** Closes idle connections now and borrowed ones when they come back. Idempotent, never throws. */
  @Override
  public void close() {
    closed = true;
    List<Connection> drained = new ArrayList<>();
    idle.drainTo(drained);
    drained.forEach(Database::closeQuietly);
  }

  private Connection borrow(long timeoutMillis) throws SQLException {
    if (held.get() != null) {
      throw new IllegalStateException(
          "Nested withConnection/inTransaction on one thread; use the Connection you already have");
    }
    Connection c = takeIdle(timeoutMillis);
    if (c.isClosed()) {
      // A connection died (e.g. closed by work that misbehaved): replace it, keeping the slot.
      try {
        c = openConnection();
      } catch (SQLException e) {
        idle.add(c);
        throw e;
      }
    }
    held.set(c);
    return c;
  }

  private Connection takeIdle(long timeoutMillis) throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    try {
      while (true) {
        if (closed) {
          throw new SQLException("Database is closed: " + file);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new SQLTransientConnectionException("No free database connection after "
              + timeoutMillis + " ms (pool size " + poolSize + ")");
        }
        long wait = Math.min(left, TimeUnit.MILLISECONDS.toNanos(BORROW_POLL_MILLIS));
        Connection c = idle.poll(wait, TimeUnit.NANOSECONDS);
        if (c != null) {
          if (closed) {
            closeQuietly(c);
            continue;
          }
          return c;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("Interrupted while waiting for a database connection", e);
    }
  }

  private void giveBack(Connection c) {
    held.remove();
    try {
      if (!c.isClosed() && !c.getAutoCommit()) {
        // Work left a transaction open; never hand uncommitted changes to the next borrower.
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      closeQuietly(c); // reopened by the next borrow
    }
    idle.add(c);
    if (closed && idle.remove(c)) {
      closeQuietly(c);
    }
  }

  private Connection openConnection() throws SQLException {
    Connection c = connector.open();
    try {
      requirePragma(c, "journal_mode", "wal");
      requirePragma(c, "foreign_keys", "1");
      return c;
    } catch (SQLException e) {
      closeQuietly(c);
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

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // Nothing useful to do: the connection is being discarded anyway.
    }
  }
}
