package rumble.http;

import com.typesafe.config.Config;
import io.micrometer.core.instrument.binder.logging.LogbackMetrics;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.ServerBuilder;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.remote.RemoteTransportException;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rumble.actors.Guardian;
import rumble.actors.account.AccountService;
import rumble.actors.account.AccountLimits;
import rumble.actors.metrics.ServerMetrics;
import rumble.actors.NodeServices;
import rumble.actors.room.RoomSettings;
import rumble.actors.session.SessionSettings;
import rumble.http.socket.PlayerSocket;
import rumble.http.socket.SocketSettings;
import rumble.persistence.Database;
import rumble.persistence.DatabaseTarget;

/**
 * A running server: database, actor system and HTTP binding, wired together, with a graceful
 * shutdown through {@link CoordinatedShutdown} (stop accepting, tell every client why, let queued
 * writes finish, then close the database).
 */
public final class GameServer {

  private static final Logger log = LoggerFactory.getLogger(GameServer.class);
  private static final String BLOCKING = "rumble.blocking-dispatcher";

  private final ActorSystem<Guardian.Command> system;
  private final ServerBinding binding;
  private final ServerMetrics metrics;
  private final Database database;
  private final ClusterNode node;

  private GameServer(ActorSystem<Guardian.Command> system, ServerBinding binding, ServerMetrics metrics,
      Database database, ClusterNode node) {
    this.node = node;
    this.system = system;
    this.binding = binding;
    this.metrics = metrics;
    this.database = database;
  }

  public static GameServer start(Config config) throws Exception {
    Config rumble = config.getConfig("rumble");
    ClusterSettings cluster = ClusterSettings.fromConfig(rumble.getConfig("cluster"));
    Database database = Database.open(
        DatabaseTarget.choose(rumble.getString("database.url"), Path.of(rumble.getString("data-path"))),
        rumble.getInt("database.pool-size"));
    log.info("Database: {}", database.target());
    ServerMetrics metrics = new ServerMetrics();
    LogbackMetrics logEvents = metrics.countLogEvents();
    SessionSettings settings = SessionSettings.fromConfig(rumble.getConfig("session"));
    ActorSystem<Guardian.Command> system;
    try {
      system = ActorSystem.create(
          Guardian.create(context -> {
            Executor blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(BLOCKING));
            AccountService accounts =
                AccountService.fromConfig(rumble.getConfig("accounts"), database, blocking, metrics);
            return new NodeServices(metrics, accounts, AccountLimits.fromConfig(rumble.getConfig("accounts")), settings,
                RoomSettings.fromConfig(rumble.getConfig("game")), rumble.getDuration("game.score-write-interval"));
          }), ClusterSettings.SYSTEM_NAME, cluster.remoting().withFallback(config));
    } catch (RemoteTransportException e) {
      logEvents.close();
      database.close();
      throw new IllegalStateException("Cluster remoting could not listen on " + cluster.host() + ":" + cluster.port()
          + " (CLUSTER_HOST, CLUSTER_PORT): " + e.getMessage() + ". Another server on this machine? Give this"
          + " one its own CLUSTER_PORT, or 0 for any free port.", e);
    }
    system.getWhenTerminated().thenRun(logEvents::close);
    try {
      ClusterNode node = ClusterNode.join(system, cluster, metrics);
      ServerBinding binding = bind(system, rumble, metrics, database, settings, node);
      GameServer server = new GameServer(system, binding, metrics, database, node);
      server.registerShutdown(rumble.getDuration("http.shutdown-deadline"));
      log.info(startBanner(rumble.getString("http.host"), server.port(), tlsEnabled(rumble)));
      return server;
    } catch (Exception e) {
      system.terminate();
      database.close();
      throw e;
    }
  }

  private static ServerBinding bind(ActorSystem<Guardian.Command> system, Config rumble, ServerMetrics metrics,
      Database database, SessionSettings settings, ClusterNode node) throws Exception {
    Executor blocking = system.dispatchers().lookup(DispatcherSelector.fromConfig(BLOCKING));
    Routes routes = new Routes(new PlayerSocket(system, settings,
        SocketSettings.fromConfig(rumble.getConfig("session")), metrics, node::isUp), metrics, database::isHealthy,
        () -> CoordinatedShutdown.get(system).getShutdownReason().isEmpty(), node::selfStatus, blocking,
        rumble.getBoolean("http.trust-forwarded-for"), ClientRoutes.fromConfig(rumble.getConfig("http")));
    ServerBuilder builder = Http.get(system).newServerAt(rumble.getString("http.host"), rumble.getInt("http.port"));
    String cert = rumble.getString("tls.cert-path");
    String key = rumble.getString("tls.key-path");
    if (tlsEnabled(rumble)) {
      builder = builder.enableHttps(ConnectionContext.httpsServer(Tls.fromPem(Path.of(cert), Path.of(key))));
      log.info("TLS on, certificate {}", cert);
    } else {
      log.info("TLS off (CERT_PATH/KEY_PATH not set): serving plain HTTP and WS");
    }
    // Every request head must arrive in time (see RequestHeadDeadline): a client dribbling header
    // bytes would otherwise hold a connection, and its buffers, for as long as it likes.
    Flow<HttpRequest, HttpResponse, NotUsed> handler = BidiFlow.fromGraph(new RequestHeadDeadline(
            rumble.getDuration("http.request-head-timeout"), () -> metrics.rejected("request_head_timeout")))
        .join(routes.route().flow(system));
    return builder.bindFlow(handler).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static boolean tlsEnabled(Config rumble) {
    return !rumble.getString("tls.cert-path").isBlank() && !rumble.getString("tls.key-path").isBlank();
  }

  /** What to open: the addresses a person (or an orchestrator) uses, not the raw socket address. */
  static String startBanner(String host, int port, boolean tls) {
    boolean anyAddress = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    String shown = anyAddress ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
    String http = (tls ? "https://" : "http://") + shown + ":" + port;
    String ws = (tls ? "wss://" : "ws://") + shown + ":" + port;
    return String.join(System.lineSeparator(),
        "Radius Rumble is up" + (anyAddress ? " on every interface (" + host + "), port " + port : "") + ":",
        "  game (browser)  " + http + "/",
        "  WebSocket       " + ws + "/ws",
        "  health          " + http + "/health/live  " + http + "/health/ready",
        "  metrics         " + http + "/metrics");
  }

  private void registerShutdown(Duration deadline) {
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
    shutdown.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "http-unbind", binding::unbind);
    shutdown.addTask(CoordinatedShutdown.PhaseServiceRequestsDone(), "disconnect-players",
        () -> disconnectEveryone(deadline));
    shutdown.addTask(CoordinatedShutdown.PhaseServiceStop(), "http-terminate",
        () -> binding.terminate(deadline).thenApply(terminated -> Done.getInstance()));
    shutdown.addTask(CoordinatedShutdown.PhaseServiceStop(), "write-best-scores", this::flushScores);
    shutdown.addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "close-database", () -> {
      database.close();
      return java.util.concurrent.CompletableFuture.completedFuture(Done.getInstance());
    });
  }

  private CompletionStage<Done> disconnectEveryone(Duration deadline) {
    return AskPattern.<Guardian.Command, Done>ask(system,
        replyTo -> new Guardian.DisconnectAll("Server shutting down", deadline, replyTo),
        deadline.plusSeconds(1), system.scheduler()).exceptionally(timeout -> Done.getInstance());
  }

  private CompletionStage<Done> flushScores() {
    return AskPattern.<Guardian.Command, Done>ask(system, Guardian.FlushScores::new, Duration.ofSeconds(5),
        system.scheduler()).exceptionally(timeout -> Done.getInstance());
  }

  public int port() {
    return ((InetSocketAddress) binding.localAddress()).getPort();
  }

  /** This node's cluster member status: joining, up, leaving, ... (see {@code /health/ready}). */
  public String clusterStatus() {
    return node.selfStatus();
  }

  /** Where other nodes reach this one, {@code host:port}: a seed node for CLUSTER_SEED_NODES. */
  public String clusterAddress() {
    return node.selfHostPort();
  }

  public ServerMetrics metrics() {
    return metrics;
  }

  public ActorSystem<Guardian.Command> system() {
    return system;
  }

  /** Runs the full coordinated shutdown and waits for it. */
  public void stop() throws Exception {
    CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.unknownReason())
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
