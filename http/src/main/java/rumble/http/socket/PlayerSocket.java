package rumble.http.socket;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.pekko.NotUsed;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.impl.engine.ws.FrameEvent;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import rumble.actors.Guardian;
import rumble.actors.link.ClientLink;
import rumble.actors.metrics.ServerMetrics;
import rumble.actors.session.PlayerSession;
import rumble.actors.session.SessionSettings;
import rumble.protocol.DisconnectMessage;
import rumble.protocol.Packet;

/**
 * Accepts a WebSocket and bridges it to a new {@link PlayerSession}: the connection is one
 * {@link SocketStage} (frames in, frames out) and one {@link SocketOutbox} the session (and the
 * room, through the connection's {@link ClientLink}) writes into.
 * The session is started as the connection opens; until it exists no frame is read.
 *
 * <p>Beyond {@code maxConnections} open sockets a new one is refused at once, told why
 * ({@link #SERVER_FULL}, close code 1013 "try again later"): a client of a full server should
 * learn so in milliseconds and try another, not hang in a backlog nobody serves. So is one that
 * arrives before the node is an Up cluster member ({@link #SERVER_STARTING}): a player's id is
 * made unique in the cluster from the node's place in it, which it has only once Up.
 */
public final class PlayerSocket {

  static final String SERVER_FULL = "Server full: try again later";
  static final String SERVER_STARTING = "Server starting: try again later";
  private static final int TRY_AGAIN_LATER = 1013;
  private static final Duration SPAWN_TIMEOUT = Duration.ofSeconds(5);

  private final ActorSystem<Guardian.Command> system;
  private final SessionSettings settings;
  private final SocketSettings socket;
  private final ServerMetrics metrics;
  private final AtomicInteger open = new AtomicInteger();
  private final BooleanSupplier nodeUp;

  public PlayerSocket(ActorSystem<Guardian.Command> system, SessionSettings settings, SocketSettings socket,
      ServerMetrics metrics, BooleanSupplier nodeUp) {
    this.system = system;
    this.nodeUp = nodeUp;
    this.settings = settings;
    this.socket = socket;
    this.metrics = metrics;
  }

  /** The 101 response for a client at {@code remoteAddress} asking to upgrade. */
  public HttpResponse accept(WebSocketUpgrade upgrade, String remoteAddress) {
    if (!nodeUp.getAsBoolean()) {
      metrics.rejected("server_starting");
      return PekkoFrames.accept(upgrade, refusal(SERVER_STARTING));
    }
    if (open.incrementAndGet() > socket.maxConnections()) {
      open.decrementAndGet();
      metrics.rejected("server_full");
      return PekkoFrames.accept(upgrade, refusal(SERVER_FULL));
    }
    SocketOutbox outbox = new SocketOutbox(settings.socketBuffer());
    ClientLink link = new ClientLink(outbox, metrics);
    return PekkoFrames.accept(upgrade, new SocketStage(outbox, link,
        () -> startSession(remoteAddress, link), open::decrementAndGet, socket, settings.maxFrameBytes(), metrics));
  }

  /** The reason as a packet (what our clients show) and in the close frame (what any client logs). */
  private static Flow<FrameEvent, FrameEvent, NotUsed> refusal(String reason) {
    byte[] bye = Packet.newBuilder().setDisconnect(DisconnectMessage.newBuilder().setReason(reason))
        .build().toByteArray();
    return Flow.fromSinkAndSourceCoupled(Sink.ignore(), Source.from(List.of(
        PekkoFrames.binary(ByteString.fromArrayUnsafe(bye)), PekkoFrames.close(TRY_AGAIN_LATER, reason))));
  }

  private CompletionStage<ActorRef<PlayerSession.Command>> startSession(String remoteAddress, ClientLink link) {
    return AskPattern.ask(system, replyTo -> new Guardian.Connect(remoteAddress, link, replyTo),
        SPAWN_TIMEOUT, system.scheduler());
  }
}
