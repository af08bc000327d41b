package rumble.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * PostgreSQL connections pooled by HikariCP. Fixed size (minimum idle = maximum), as HikariCP's
 * pool-sizing advice has it: a few connections kept busy beat many waiting on the server's cores.
 *
 * <p>It drives {@link HikariPool} rather than {@code HikariDataSource} because only the pool takes a
 * timeout per call: the readiness probe must give up sooner than a unit of work waits.
 */
final class PostgresPool implements ConnectionPool {
  private final HikariPool pool;

  private PostgresPool(HikariPool pool) {
    this.pool = pool;
  }

  /** Connects {@code size} connections; fails at once if the server cannot be reached or refuses the login. */
  static PostgresPool open(DatabaseTarget target, int size) throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setPoolName("rumble-db");
    config.setJdbcUrl(target.jdbcUrl());
    config.setUsername(target.user());
    config.setPassword(target.password());
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    config.setConnectionTimeout(Database.BORROW_TIMEOUT_MILLIS);
    // Shows up in pg_stat_activity, so an operator can tell the game's sessions apart.
    config.addDataSourceProperty("ApplicationName", "radius-rumble");
    config.validate();
    try {
      return new PostgresPool(new HikariPool(config));
    } catch (HikariPool.PoolInitializationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new SQLException("Cannot connect to " + target + ": " + cause.getMessage(), cause);
    }
  }

  @Override
  public Connection borrow(long timeoutMillis) throws SQLException {
    return pool.getConnection(timeoutMillis);
  }

  @Override
  public void giveBack(Connection c) {
    try {
      c.close(); // a pooled proxy: back to the pool, which also resets auto-commit and read-only
    } catch (SQLException e) {
      pool.evictConnection(c);
    }
  }

  @Override
  public void discard(Connection c) {
    pool.evictConnection(c);
  }

  @Override
  public void close() {
    try {
      pool.shutdown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
