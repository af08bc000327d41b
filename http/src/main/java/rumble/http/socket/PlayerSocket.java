package rumble.http.socket;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import rumble.actors.Guardian;
import rumble.actors.link.ClientLink;
import rumble.actors.metrics.ServerMetrics;
import rumble.actors.session.PlayerSession;
import rumble.actors.session.SessionSettings;

/**
 * Accepts a WebSocket and bridges it to a new {@link PlayerSession}: the connection is one
 * {@link SocketStage} (frames in, frames out) and one {@link SocketOutbox} the session (and the
 * room, through the connection's {@link ClientLink}) writes into.
 * The session is started as the connection opens; until it exists no frame is read.
 */
public final class PlayerSocket {

  private static final Duration SPAWN_TIMEOUT = Duration.ofSeconds(5);

  private final ActorSystem<Guardian.Command> system;
  private final SessionSettings settings;
  private final SocketSettings socket;
  private final ServerMetrics metrics;

  public PlayerSocket(ActorSystem<Guardian.Command> system, SessionSettings settings, SocketSettings socket,
      ServerMetrics metrics) {
    this.system = system;
    this.settings = settings;
    this.socket = socket;
    this.metrics = metrics;
  }

  /** The 101 response for a client at {@code remoteAddress} asking to upgrade. */
  public HttpResponse accept(WebSocketUpgrade upgrade, String remoteAddress) {
    SocketOutbox outbox = new SocketOutbox(settings.socketBuffer());
    ClientLink link = new ClientLink(outbox, metrics);
    return PekkoFrames.accept(upgrade, new SocketStage(outbox, link,
        () -> startSession(remoteAddress, link), socket, settings.maxFrameBytes(), metrics));
  }

  private CompletionStage<ActorRef<PlayerSession.Command>> startSession(String remoteAddress, ClientLink link) {
    return AskPattern.ask(system, replyTo -> new Guardian.Connect(remoteAddress, link, replyTo),
        SPAWN_TIMEOUT, system.scheduler());
  }
}
