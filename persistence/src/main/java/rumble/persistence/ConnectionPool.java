package rumble.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A fixed set of open connections to one database. {@link Database} lends them out one unit of work
 * at a time and makes sure each comes back in auto-commit mode with nothing uncommitted.
 */
interface ConnectionPool {
  /** A connection for the caller alone; SQLTransientConnectionException if none is free in time. */
  Connection borrow(long timeoutMillis) throws SQLException;

  /** Returns a connection that is in auto-commit mode (or closed: its slot is refilled). */
  void giveBack(Connection c);

  /** Returns a connection whose state is unknown: it is closed and replaced, never lent again. */
  void discard(Connection c);

  /** Closes idle connections now and borrowed ones when they come back. Idempotent, never throws. */
  void close();
}
