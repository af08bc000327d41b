package rumble.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.extractClientIP;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.extractWebSocketUpgrade;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.RemoteAddress;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import rumble.actors.metrics.ServerMetrics;
import rumble.http.socket.PlayerSocket;

/**
 * The HTTP surface: the game WebSocket, health checks, Prometheus metrics and the browser client
 * ({@link ClientRoutes}), all on one port.
 */
final class Routes {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(2);

  private final PlayerSocket socket;
  private final ServerMetrics metrics;
  private final BooleanSupplier databaseHealthy;
  private final BooleanSupplier actorsRunning;
  private final Supplier<String> clusterStatus;
  private final Executor blocking;
  private final boolean trustForwardedFor;
  private final ClientRoutes client;

  Routes(PlayerSocket socket, ServerMetrics metrics, BooleanSupplier databaseHealthy,
      BooleanSupplier actorsRunning, Supplier<String> clusterStatus, Executor blocking, boolean trustForwardedFor,
      ClientRoutes client) {
    this.trustForwardedFor = trustForwardedFor;
    this.client = client;
    this.socket = socket;
    this.metrics = metrics;
    this.databaseHealthy = databaseHealthy;
    this.actorsRunning = actorsRunning;
    this.clusterStatus = clusterStatus;
    this.blocking = blocking;
  }

  Route route() {
    return get(() -> concat(
        path("ws", () -> clientAddress(address -> extractWebSocketUpgrade(upgrade ->
            complete(socket.accept(upgrade, address))))),
        pathPrefix("health", () -> concat(
            path("live", () -> complete(json(200, "{\"status\":\"up\"}"))),
            path("ready", () -> onSuccess(readiness(), this::readyResponse)))),
        path("metrics", () -> complete(HttpResponse.create()
            .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, metrics.scrape())))),
        client.route()));
  }

  /** The database probe is blocking JDBC, so it runs on the blocking pool and may time out. */
  private CompletionStage<Boolean> readiness() {
    return CompletableFuture.supplyAsync(databaseHealthy::getAsBoolean, blocking)
        .completeOnTimeout(false, READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Ready once this node is an Up member of the cluster too (it joins itself when alone). */
  private Route readyResponse(boolean databaseOk) {
    boolean actorsOk = actorsRunning.getAsBoolean();
    String cluster = clusterStatus.get();
    boolean ready = databaseOk && actorsOk && cluster.equals(ClusterNode.UP);
    String body = String.format(
        "{\"status\":\"%s\",\"database\":\"%s\",\"actors\":\"%s\",\"cluster\":\"%s\"}",
        ready ? "ready" : "unavailable", databaseOk ? "ok" : "down", actorsOk ? "ok" : "stopping", cluster);
    return complete(json(ready ? 200 : 503, body));
  }

  private static HttpResponse json(int status, String body) {
    return HttpResponse.create().withStatus(StatusCodes.get(status))
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body));
  }

  /**
   * The client's address, for per-address login throttling. X-Forwarded-For is trusted only when
   * configured (behind a proxy that sets it); otherwise anyone could claim any address, dodge the
   * throttle, or lock someone else out.
   */
  private Route clientAddress(java.util.function.Function<String, Route> inner) {
    if (trustForwardedFor) {
      return extractClientIP(ip -> inner.apply(describe(ip)));
    }
    return extractRequest(request -> inner.apply(
        request.getAttribute(AttributeKeys.remoteAddress).map(Routes::describe).orElse("unknown")));
  }

  private static String describe(RemoteAddress ip) {
    return ip.getAddress().map(address -> address.getHostAddress()).orElse("unknown");
  }
}
