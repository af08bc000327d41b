package rumble.persistence;

import static org.junit.jupiter.api.Assertions.fail;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the tests may use, named by the environment variable
 * {@value #ENV} (or {@code -D}{@value #PROPERTY}) in any form {@code DATABASE_URL} takes; its role
 * needs the right to create schemas in that database. {@code .ci/run} starts one and sets it.
 * Without it the PostgreSQL variants are skipped with the reason, except in CI ({@code CI=true}),
 * where they fail: CI must never pass without having run them.
 *
 * <p>Each test gets its own schema ({@code currentSchema} in the URL), dropped afterwards.
 */
public final class TestPostgres {
  public static final String ENV = "RUMBLE_TEST_POSTGRES_URL";
  public static final String PROPERTY = "rumble.test.postgres-url";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicBoolean warned = new AtomicBoolean();

  private TestPostgres() {}

  /** Why the PostgreSQL tests cannot run here; empty when a server is named. */
  static Optional<String> missing() {
    return url().isPresent() ? Optional.empty() : Optional.of("no PostgreSQL for the tests: set " + ENV
        + " (e.g. postgresql://rumble:secret@127.0.0.1:55432/rumble_test; .ci/run starts one)");
  }

  /**
   * Why a PostgreSQL test is to be skipped: only outside CI, without a server. Said once on the
   * console too, as Surefire keeps skip reasons in its reports only.
   */
  static Optional<String> skipReason() {
    if (inCi()) {
      return Optional.empty();
    }
    Optional<String> reason = missing();
    if (reason.isPresent() && !warned.getAndSet(true)) {
      System.err.println("[rumble] PostgreSQL tests skipped: " + reason.get());
    }
    return reason;
  }

  static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Skips the calling test (or class) without a server, and fails it instead in CI. */
  public static void require() {
    skipReason().ifPresent(Assumptions::abort);
    missing().ifPresent(reason -> fail("CI=true, so the PostgreSQL tests must run, but there is " + reason));
  }

  /** A new empty schema; returns the server URL that makes it the current one. */
  static String createSchema(String schema) throws SQLException {
    execute("CREATE SCHEMA " + schema);
    String base = url().orElseThrow(() -> new IllegalStateException(missing().orElseThrow()));
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  static void dropSchema(String schema) throws SQLException {
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  /** rumble_test_ and 12 random hex digits: unique per test, and a valid unquoted identifier. */
  static String freshSchemaName() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return "rumble_test_" + HexFormat.of().formatHex(bytes);
  }

  private static void execute(String sql) throws SQLException {
    DatabaseTarget server = DatabaseTarget.postgres(url().orElseThrow());
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.credentials());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static Optional<String> url() {
    String url = System.getProperty(PROPERTY, System.getenv(ENV));
    return url == null || url.isBlank() ? Optional.empty() : Optional.of(url.strip());
  }
}
