package rumble.http;

import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import rumble.persistence.Database;
import rumble.persistence.Dialect;
import rumble.persistence.TestDatabase;
import rumble.persistence.TestPostgres;
import rumble.protocol.Packet;

/**
 * A real server for a test, as a JUnit 5 extension: on a free loopback port, with the test
 * configuration and its SQLite file in a temporary folder that is deleted afterwards (or, with
 * {@link #withDatabase}, a fresh PostgreSQL schema). Registered on a static field it serves the whole
 * class; on an instance field, each test method gets its own. It looks at the server from outside
 * the way an operator would: {@code /metrics} over HTTP (see {@link Scrape}) and the database with
 * plain JDBC.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestServer server = TestServer.create().withConfig("rumble.session.idle-timeout", "2s");
 *
 * TestClient.connect(server.port());
 * server.awaitMetric("one connection", open -> open == 1, "rumble_connections_open");
 * }</pre>
 *
 * <p>{@link #startedByTest()} leaves the starting to the test ({@link #start()}), for tests that
 * prepare something first, stop the server themselves or restart it on the same data.
 */
public final class TestServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback, AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(100);

  /** Writes a file the server is configured with into the server's temporary folder; returns its path. */
  @FunctionalInterface
  public interface FileSetup {
    Path write(Path folder) throws Exception;
  }

  private final Map<String, Object> config = new HashMap<>();
  private final Map<String, FileSetup> files = new LinkedHashMap<>();
  private final Map<String, String> written = new HashMap<>();
  private boolean startedByTest;
  private boolean awaitUp = true;
  private boolean perMethod;
  private Path folder;
  private GameServer server;
  private Dialect dialect = Dialect.SQLITE;
  /** Only for {@link #withDatabase}: the default SQLite file lives in this extension's folder. */
  private TestDatabase database;

  private TestServer() {}

  /** A server with the test configuration (application-test.conf). */
  public static TestServer create() {
    return new TestServer();
  }

  /** A setting on top of the test configuration ({@code "rumble.game.room.capacity", 5}). */
  public TestServer withConfig(String key, Object value) {
    config.put(key, value);
    return this;
  }

  /**
   * A setting whose value is a file or folder written before the server starts, in the server's
   * temporary folder ({@code "rumble.http.client-pack", dir -> packer.writeTo(dir.resolve("x.pck"))}).
   */
  public TestServer withFile(String key, FileSetup setup) {
    files.put(key, setup);
    return this;
  }

  /**
   * The server's database: a fresh one of this dialect, given to the server as its DATABASE_URL
   * ({@code rumble.database.url}) and removed afterwards. Without a test PostgreSQL the class is
   * skipped, or fails in CI (see {@link TestPostgres}).
   */
  public TestServer withDatabase(Dialect dialect) {
    this.dialect = dialect;
    return this;
  }

  /** When started, joins the cluster of {@code seed} (a running server), its node the only seed. */
  public TestServer joining(TestServer seed) {
    return withConfig("rumble.cluster.seed-nodes", seed.server().clusterAddress());
  }

  /** The test calls {@link #start()} itself (the extension still stops the server and cleans up). */
  public TestServer startedByTest() {
    startedByTest = true;
    return this;
  }

  /**
   * {@link #start()} returns as soon as the server is bound, without waiting for its node to be an Up
   * cluster member (by default it waits, so tests find it ready).
   */
  public TestServer notAwaitingClusterUp() {
    awaitUp = false;
    return this;
  }

  // --- lifecycle ---

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    startUnlessTheTestDoes();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    if (folder == null) { // registered on an instance field: this test method's own server
      perMethod = true;
      startUnlessTheTestDoes();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    if (perMethod) {
      close();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    close();
  }

  private void startUnlessTheTestDoes() throws Exception {
    folder();
    if (dialect != Dialect.SQLITE) {
      database(); // without a test PostgreSQL, skip (or fail) here, before any test runs
    }
    if (!startedByTest) {
      start();
    }
  }

  /** Starts the server on this extension's data folder (again, after a {@link #stop()}). */
  public TestServer start() throws Exception {
    if (server != null) {
      throw new IllegalStateException("the test server is already running on port " + server.port());
    }
    Map<String, Object> settings = new HashMap<>(config);
    for (Map.Entry<String, FileSetup> file : files.entrySet()) {
      settings.put(file.getKey(), written.computeIfAbsent(file.getKey(), key -> write(file.getValue())));
    }
    settings.put("rumble.data-path", dataDir().toString());
    // Always set: a DATABASE_URL in the developer's environment must never reach a test server, nor
    // CLUSTER_* (a fixed port would clash between servers; seeds would join someone else's cluster).
    settings.putIfAbsent("rumble.cluster.host", "127.0.0.1");
    settings.putIfAbsent("rumble.cluster.port", 0);
    settings.putIfAbsent("rumble.cluster.seed-nodes", "");
    settings.putIfAbsent("rumble.cluster.bootstrap.service-name", "");
    settings.putIfAbsent("rumble.cluster.bootstrap.endpoints", "");
    settings.put("rumble.database.url", dialect == Dialect.SQLITE ? "" : database().databaseUrl());
    server = GameServer.start(ConfigFactory.parseMap(settings)
        .withFallback(ConfigFactory.parseResources("application-test.conf"))
        .withFallback(ConfigFactory.load())
        .resolve());
    if (awaitUp) {
      GameServer started = server;
      await("the node to be Up in its cluster", started::clusterStatus, "up"::equals, status -> "is " + status);
    }
    return this;
  }

  private String write(FileSetup setup) {
    try {
      return setup.write(folder()).toString();
    } catch (Exception e) {
      throw new IllegalStateException("could not prepare a file for the test server", e);
    }
  }

  /** Stops the server gracefully, if it runs; the data stay for a {@link #start()} on them. */
  public void stop() throws Exception {
    if (server != null) {
      GameServer running = server;
      server = null;
      running.stop();
    }
  }

  /**
   * Ends the server's actor system the way a killed process ends: no coordinated shutdown, so the
   * node does not leave its cluster and the others must find it unreachable. Needs the server
   * started with {@code pekko.coordinated-shutdown.run-by-actor-system-terminate = off}.
   */
  public void crash() throws Exception {
    if (server != null) {
      GameServer running = server;
      server = null;
      running.system().terminate();
      running.system().getWhenTerminated().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  /** Stops the server and deletes its folder. */
  @Override
  public void close() throws Exception {
    try {
      stop();
    } finally {
      written.clear();
      if (database != null) {
        TestDatabase done = database;
        database = null;
        done.close();
      }
      if (folder != null) {
        Path done = folder;
        folder = null;
        deleteTree(done);
      }
    }
  }

  private Path folder() {
    if (folder == null) {
      try {
        folder = Files.createTempDirectory("rumble-test-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return folder;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  // --- the running server ---

  public GameServer server() {
    if (server == null) {
      throw new IllegalStateException("the test server is not running");
    }
    return server;
  }

  public int port() {
    return server().port();
  }

  /** The folder of {@code rumble.db}. */
  public Path dataDir() {
    return folder().resolve("data");
  }

  private TestDatabase database() throws Exception {
    if (database == null) {
      database = TestDatabase.create(dialect);
    }
    return database;
  }

  /** Registers each name over a real WebSocket, one request at a time (as the server wants). */
  public void registerAccounts(String password, String... usernames) throws Exception {
    try (TestClient client = TestClient.connect(port())) {
      for (String username : usernames) {
        client.register(username, password, -1);
        client.expect(Packet.MsgCase.OK_RESPONSE);
      }
    }
  }

  // --- /metrics ---

  /** {@code GET /metrics} now. */
  public Scrape scrape() throws Exception {
    return Scrape.of(port());
  }

  /** The sample's value in a scrape taken now (see {@link Scrape#metric}). */
  public OptionalDouble metric(String name, String... labels) throws Exception {
    return scrape().metric(name, labels);
  }

  /** Scrapes until the sample exists and satisfies {@code condition}; returns the scrape that did. */
  public Scrape awaitMetric(String what, DoublePredicate condition, String name, String... labels)
      throws Exception {
    return await(what + ": " + name + " " + String.join(",", labels), this::scrape,
        scrape -> scrape.metric(name, labels).stream().anyMatch(condition),
        scrape -> "is " + scrape.metric(name, labels));
  }

  /** Scrapes until this node counts {@code members} cluster members Up. */
  public void awaitMembersUp(int members) throws Exception {
    awaitMetric(members + " members up", up -> up == members, "rumble_cluster_members", "status", "up");
  }

  /** Scrapes until no sample {@code name} with these labels is published any more. */
  public void awaitMetricGone(String what, String name, String... labels) throws Exception {
    await(what + ": " + name + " " + String.join(",", labels), this::scrape,
        scrape -> scrape.metric(name, labels).isEmpty(), scrape -> "still published");
  }

  /** Scrapes until {@code condition} holds (metrics trail the replies clients see); returns that scrape. */
  public Scrape awaitScrape(String what, Predicate<Scrape> condition) throws Exception {
    return await(what, this::scrape, condition, scrape -> "last scrape:\n" + scrape);
  }

  // --- the database ---

  /** The number in the first row a query returns (-1 if none), read with plain JDBC from the server's database. */
  public long queryLong(String sql, Object... parameters) throws Exception {
    try (Connection connection = dialect == Dialect.SQLITE
            ? DriverManager.getConnection("jdbc:sqlite:" + dataDir().resolve(Database.FILE_NAME))
            : database().connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getLong(1) : -1;
      }
    }
  }

  /** Queries until the number satisfies {@code condition} (writes behind take a moment); returns it. */
  public long awaitQuery(String what, LongPredicate condition, String sql, Object... parameters) throws Exception {
    return await(what, () -> queryLong(sql, parameters), condition::test,
        value -> "the query gives " + value + ": " + sql);
  }

  /** Looks until {@code done} holds, failing after {@link GameClient#PATIENCE}. */
  private static <T> T await(String what, Callable<T> look, Predicate<T> done,
      Function<T, String> describe) throws Exception {
    long deadline = System.nanoTime() + GameClient.PATIENCE.toNanos();
    while (true) {
      T seen = look.call();
      if (done.test(seen)) {
        return seen;
      }
      if (System.nanoTime() > deadline) {
        fail(what + " " + describe.apply(seen) + " after " + GameClient.PATIENCE);
      }
      Thread.sleep(POLL.toMillis());
    }
  }
}
