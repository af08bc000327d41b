package rumble.http;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.ws.BinaryMessage;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSink;
import org.apache.pekko.util.ByteString;
import rumble.actors.Guardian;
import rumble.actors.session.Inbound;
import rumble.actors.session.PlayerSession;
import rumble.actors.session.SessionSettings;
import rumble.protocol.Packet;

/**
 * Bridges one WebSocket to one {@link PlayerSession}: binary frames are read whole (up to the size
 * limit), parsed into packets off the actor, and handed over through a back-pressured sink; the
 * session writes into a bounded queue whose frames become binary messages.
 *
 * <p>Every continuation names its executor: Pekko's CompletionStages run even plain {@code thenApply}
 * asynchronously on the common pool, and on a two-core machine that pool is a thread per task (one
 * thread was created per connection until this was noticed in a profile).
 */
final class PlayerSocket {

  private static final Duration SPAWN_TIMEOUT = Duration.ofSeconds(5);

  private final ActorSystem<Guardian.Command> system;
  private final SessionSettings settings;

  PlayerSocket(ActorSystem<Guardian.Command> system, SessionSettings settings) {
    this.system = system;
    this.settings = settings;
  }

  /** A fresh flow for one connection from {@code remoteAddress}. */
  Flow<Message, Message, NotUsed> flow(String remoteAddress) {
    Flow<Message, Message, CompletionStage<CompletionStage<NotUsed>>> perConnection =
        Flow.fromMaterializer((mat, attributes) -> {
          Pair<BoundedSourceQueue<ByteString>, Source<ByteString, NotUsed>> out =
              Source.<ByteString>queue(settings.socketBuffer()).preMaterialize(mat);
          CompletionStage<ActorRef<PlayerSession.Command>> session = AskPattern.ask(system,
              replyTo -> new Guardian.Connect(remoteAddress, out.first(), replyTo),
              SPAWN_TIMEOUT, system.scheduler());
          return Flow.completionStageFlow(session.thenApplyAsync(ref -> Flow.fromSinkAndSourceCoupled(
              inbound(ref, mat), out.second().map(bytes -> (Message) BinaryMessage.create(bytes))),
              mat.executionContext()));
        });
    return perConnection.mapMaterializedValue(ignored -> NotUsed.getInstance());
  }

  private Sink<Message, NotUsed> inbound(ActorRef<PlayerSession.Command> session, Materializer mat) {
    return Flow.<Message>create()
        .mapAsync(1, message -> decode(message, mat))
        .to(ActorSink.<Inbound, PlayerSession.Command, PlayerSession.StreamAck>actorRefWithBackpressure(
            session,
            PlayerSession.FrameReceived::new,
            PlayerSession.StreamStarted::new,
            PlayerSession.StreamAck.INSTANCE,
            PlayerSession.StreamCompleted.INSTANCE,
            PlayerSession.StreamFailed::new));
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
