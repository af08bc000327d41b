package rumble.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A small fixed pool of pre-opened SQLite connections. SQLite allows one writer at a time, so 2-4
 * connections are plenty: extra ones only help concurrent readers. A general-purpose pool would add
 * nothing here, and SQLite's settings are per connection (see {@link SqliteConnector}).
 */
final class SqlitePool implements ConnectionPool {
  /** Waiting borrowers wake up this often to notice {@link #close()}. */
  private static final long BORROW_POLL_MILLIS = 100;

  private final Path file;
  private final int size;
  private final SqliteConnector connector;
  private final BlockingQueue<Connection> idle;
  private volatile boolean closed;

  private SqlitePool(Path file, int size) {
    this.file = file;
    this.size = size;
    this.connector = new SqliteConnector(file, Database.BUSY_TIMEOUT_MILLIS);
    this.idle = new ArrayBlockingQueue<>(size);
  }

  /** Creates the file's folder if missing and opens {@code size} connections (WAL, foreign keys, busy_timeout). */
  static SqlitePool open(Path file, int size) throws SQLException {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new SQLException("Cannot create data directory for " + file + ": " + e.getMessage(), e);
    }
    SqlitePool pool = new SqlitePool(file, size);
    try {
      for (int i = 0; i < size; i++) {
        pool.idle.add(pool.connector.open());
      }
      return pool;
    } catch (SQLException | RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  @Override
  public Connection borrow(long timeoutMillis) throws SQLException {
    Connection c = takeIdle(timeoutMillis);
    if (c.isClosed()) {
      // A connection died (e.g. closed by work that misbehaved): replace it, keeping the slot.
      try {
        c = connector.open();
      } catch (SQLException e) {
        idle.add(c);
        throw e;
      }
    }
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
              + timeoutMillis + " ms (pool size " + size + ")");
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

  @Override
  public void giveBack(Connection c) {
    idle.add(c);
    if (closed && idle.remove(c)) {
      closeQuietly(c);
    }
  }

  @Override
  public void discard(Connection c) {
    closeQuietly(c); // reopened by the next borrow
    giveBack(c);
  }

  @Override
  public void close() {
    closed = true;
    List<Connection> drained = new ArrayList<>();
    idle.drainTo(drained);
    drained.forEach(SqlitePool::closeQuietly);
  }

  static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // Nothing useful to do: the connection is being discarded anyway.
    }
  }
}
