package rumble.http;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.ws.BinaryMessage;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.stream.BackpressureTimeoutException;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSink;
import org.apache.pekko.util.ByteString;
import rumble.actors.Guardian;
import rumble.actors.metrics.ServerMetrics;
import rumble.actors.session.Inbound;
import rumble.actors.session.PlayerSession;
import rumble.actors.session.SessionSettings;
import rumble.protocol.Packet;

/**
 * Bridges one WebSocket to one {@link PlayerSession}. Inbound frames pass a {@link FrameGate} first:
 * frames over the connection's budget are dropped unread, right here in the socket's stream, so a
 * flooder costs neither decoding nor actor messages; one that keeps flooding is closed. Admitted
 * binary frames are read whole (up to the size limit), parsed off the actor and handed over through
 * a back-pressured sink. The session writes into an {@link OutboundQueue}; a client that leaves
 * written frames unread for the stall timeout is disconnected.
 *
 * <p>Every continuation names its executor: Pekko's CompletionStages run even plain {@code thenApply}
 * asynchronously on the common pool, and on a two-core machine that pool is a thread per task (one
 * thread was created per connection until this was noticed in a profile).
 */
final class PlayerSocket {

  static final String FLOOD_NOTICE = "Too many messages: slow down";
  static final String FLOOD_CLOSE = "Sending too fast";

  private static final Duration SPAWN_TIMEOUT = Duration.ofSeconds(5);

  private final ActorSystem<Guardian.Command> system;
  private final SessionSettings settings;
  private final SocketSettings socket;
  private final ServerMetrics metrics;

  PlayerSocket(ActorSystem<Guardian.Command> system, SessionSettings settings, SocketSettings socket,
      ServerMetrics metrics) {
    this.system = system;
    this.settings = settings;
    this.socket = socket;
    this.metrics = metrics;
  }

  /** A fresh flow for one connection from {@code remoteAddress}. */
  Flow<Message, Message, NotUsed> flow(String remoteAddress) {
    Flow<Message, Message, CompletionStage<CompletionStage<NotUsed>>> perConnection =
        Flow.fromMaterializer((mat, attributes) -> {
          OutboundQueue out = OutboundQueue.create(settings.socketBuffer(), mat);
          CompletionStage<ActorRef<PlayerSession.Command>> session = AskPattern.ask(system,
              replyTo -> new Guardian.Connect(remoteAddress, out, replyTo),
              SPAWN_TIMEOUT, system.scheduler());
          return Flow.completionStageFlow(session.thenApplyAsync(ref -> Flow.fromSinkAndSourceCoupled(
              inbound(ref, mat), outbound(out.source())), mat.executionContext()));
        });
    return perConnection.mapMaterializedValue(ignored -> NotUsed.getInstance());
  }

  /** Frames to the client; a reader that stops taking them is cut off after the stall timeout. */
  private Source<Message, NotUsed> outbound(Source<ByteString, NotUsed> frames) {
    return frames.backpressureTimeout(socket.stallTimeout())
        .watchTermination((notUsed, done) -> {
          done.whenComplete((ok, failure) -> {
            if (failure instanceof BackpressureTimeoutException) {
              metrics.rejected("slow_reader");
            }
          });
          return notUsed;
        })
        .map(bytes -> (Message) BinaryMessage.create(bytes));
  }

  private Sink<Message, NotUsed> inbound(ActorRef<PlayerSession.Command> session, Materializer mat) {
    FrameGate gate = new FrameGate(socket.framesPerSecond(), socket.frameBurst(), socket.floodCloseAfter(),
        socket.floodCloseFrames(),
        System.nanoTime());
    return Flow.<Message>create()
        .mapConcat(message -> admit(message, gate, session, mat))
        .mapAsync(1, decoded -> decoded)
        .to(ActorSink.<Inbound, PlayerSession.Command, PlayerSession.StreamAck>actorRefWithBackpressure(
            session,
            PlayerSession.FrameReceived::new,
            PlayerSession.StreamStarted::new,
            PlayerSession.StreamAck.INSTANCE,
            PlayerSession.StreamCompleted.INSTANCE,
            PlayerSession.StreamFailed::new));
  }

  /**
   * The frame's way on: decoded for the session, or dropped unread. The first drop of a second
   * becomes a notice the session passes on (so the client learns why); a flood that lasts closes the
   * client with a reason.
   */
  private List<CompletionStage<Inbound>> admit(Message message, FrameGate gate,
      ActorRef<PlayerSession.Command> session, Materializer mat) {
    FrameGate.Verdict verdict = gate.admit(System.nanoTime());
    if (verdict == FrameGate.Verdict.PASS) {
      return List.of(decode(message, mat));
    }
    discard(message, mat);
    switch (verdict) {
      case NOTIFY -> {
        return List.of(CompletableFuture.completedFuture(new Inbound.Unreadable("rate_limited", FLOOD_NOTICE, 0)));
      }
      case CLOSE -> {
        metrics.rejected("flood_closed");
        session.tell(new PlayerSession.Kick(FLOOD_CLOSE));
      }
      default -> metrics.rejected("rate_limited");
    }
    return List.of();
  }

  /** A streamed frame's bytes must still be drained, or the connection stalls behind it. */
  private static void discard(Message message, Materializer mat) {
    if (message.isText()) {
      if (!message.asTextMessage().isStrict()) {
        message.asTextMessage().getStreamedText().runWith(Sink.ignore(), mat);
      }
    } else if (!message.asBinaryMessage().isStrict()) {
      message.asBinaryMessage().getStreamedData().runWith(Sink.ignore(), mat);
    }
  }

  private CompletionStage<Inbound> decode(Message message, Materializer mat) {
    if (message.isText()) {
      // Text must still be drained, or the connection stalls behind it.
      return message.asTextMessage().getStreamedText().runWith(Sink.ignore(), mat).thenApplyAsync(done ->
          new Inbound.Unreadable("text_frame", "Text frames are not supported: send each Packet as one binary frame", 0),
          mat.executionContext());
    }
    BinaryMessage binary = message.asBinaryMessage();
    if (binary.isStrict()) {
      return CompletableFuture.completedFuture(parse(binary.getStrictData(), binary.getStrictData().size()));
    }
    int limit = settings.maxFrameBytes();
    return binary.getStreamedData().runFold(new Collected(ByteString.emptyByteString(), 0),
        (collected, chunk) -> collected.add(chunk, limit), mat)
        .thenApplyAsync(collected -> parse(collected.bytes(), collected.size()), mat.executionContext());
  }

  /** Collects a streamed frame but stops keeping bytes once it is over the limit. */
  private record Collected(ByteString bytes, int size) {
    Collected add(ByteString chunk, int limit) {
      int total = size + chunk.size();
      return new Collected(total <= limit ? bytes.concat(chunk) : ByteString.emptyByteString(), total);
    }
  }

  private Inbound parse(ByteString bytes, int size) {
    if (size > settings.maxFrameBytes()) {
      return new Inbound.Unreadable("oversized_frame",
          "Message too large: at most " + settings.maxFrameBytes() + " bytes", size);
    }
    try {
      return new Inbound.Parsed(Packet.parseFrom(bytes.toArrayUnsafe()), size);
    } catch (InvalidProtocolBufferException e) {
      return new Inbound.Unreadable("malformed_packet", "Malformed packet: not a protobuf Packet", size);
    }
  }
}
