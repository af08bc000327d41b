package rumble.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * The game's database, SQLite (embedded, the default) or PostgreSQL ({@code DATABASE_URL}): a
 * small fixed pool of connections plus schema migrations. The repositories run the same SQL on
 * both; what differs is in {@link Dialect}.
 *
 * <p>All methods block and are thread-safe; run them off the game loop (callers use a dedicated
 * dispatcher). Each connection is used by one thread at a time.
 */
public final class Database implements AutoCloseable {
  public static final String FILE_NAME = "rumble.db";
  /** How long a statement waits for SQLite's write lock before failing with SQLITE_BUSY. */
  public static final int BUSY_TIMEOUT_MILLIS = 5_000;
  /** How long a caller waits for a free pooled connection before giving up. */
  static final long BORROW_TIMEOUT_MILLIS = 30_000;

  private final DatabaseTarget target;
  private final int poolSize;
  private final ConnectionPool pool;
  /** The connection the current thread holds; nesting would deadlock a full pool, so it is refused. */
  private final ThreadLocal<Connection> held = new ThreadLocal<>();
  private volatile boolean closed;

  private Database(DatabaseTarget target, int poolSize, ConnectionPool pool) {
    this.target = target;
    this.poolSize = poolSize;
    this.pool = pool;
  }

  /** SQLite in {@code dataDir}/rumble.db: see {@link #open(DatabaseTarget, int)}. */
  public static Database open(Path dataDir, int poolSize) throws SQLException {
    return open(DatabaseTarget.sqlite(dataDir), poolSize);
  }

  /**
   * Opens {@code poolSize} connections to the target and runs pending migrations. For SQLite it
   * creates the data folder if missing and sets WAL, foreign_keys=ON and busy_timeout on each
   * connection. Throws SQLException if the database cannot be opened or reached, a setting does not
   * take, a migration fails or the schema is newer than this code; IllegalArgumentException if
   * poolSize &lt; 1.
   */
  public static Database open(DatabaseTarget target, int poolSize) throws SQLException {
    Objects.requireNonNull(target, "target");
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
    }
    Database db = new Database(target, poolSize, target.dialect().openPool(target, poolSize));
    try {
      Migrations.apply(db, Migrations.load(target.dialect()));
      return db;
    } catch (SQLException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** Where the data are; its toString() is safe to log (no password). */
  public DatabaseTarget target() {
    return target;
  }

  public Dialect dialect() {
    return target.dialect();
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
      dialect().commit(c);
      return result;
    });
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
   * It reads schema_migrations rather than {@code SELECT 1} so that it proves our tables are still
   * readable (the SQLite file, the PostgreSQL schema and the role's rights on it). Never throws.
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
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    pool.close();
  }

  private Connection borrow(long timeoutMillis) throws SQLException {
    if (held.get() != null) {
      throw new IllegalStateException(
          "Nested withConnection/inTransaction on one thread; use the Connection you already have");
    }
    if (closed) {
      throw new SQLException("Database is closed: " + target);
    }
    Connection c = pool.borrow(timeoutMillis);
    held.set(c);
    return c;
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
      pool.discard(c);
      return;
    }
    pool.giveBack(c);
  }
}
