package rumble.http.socket;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.impl.engine.ws.FrameEvent;
import org.apache.pekko.http.impl.engine.ws.FrameStart;
import org.apache.pekko.http.impl.engine.ws.ProtocolException;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;
import org.apache.pekko.util.ByteString;
import rumble.actors.link.ClientLink;
import rumble.actors.metrics.ServerMetrics;
import rumble.actors.session.Inbound;
import rumble.actors.session.PlayerSession;
import rumble.protocol.Packet;

/**
 * One WebSocket connection, frame by frame, in a single stage: inbound frames are checked and
 * assembled ({@link FrameReader}), metered ({@link FrameGate}), decoded and told to the session;
 * outbound frames are taken from the connection's {@link SocketOutbox}. Everything a message API
 * would do per message in sub-streams happens here in plain method calls.
 *
 * <p>What the connection owes the client: a pong for each ping; an idle connection pinged every
 * {@code pingInterval}; every close with a code and a reason; the close handshake (our close waits
 * {@link #CLOSE_TIMEOUT} for the client's). What it does not tolerate: a client that leaves written
 * frames unread for {@code stallTimeout} is cut off (counted as {@code slow_reader}); one that sends
 * no message for {@code idleTimeout} is closed by its session, told why. The one timer per
 * connection checks all three: a timer costs heap on every idle connection.
 */
final class SocketStage extends GraphStage<FlowShape<FrameEvent, FrameEvent>> {

  static final String FLOOD_NOTICE = "Too many messages: slow down";
  static final String FLOOD_CLOSE = "Sending too fast";
  static final String SERVER_BUSY = "Server busy: try again";
  static final String IDLE = "Idle for too long";
  private static final long CLOSE_TIMEOUT_NANOS = 3_000_000_000L;
  private static final java.time.Duration CLOSE_TIMEOUT = java.time.Duration.ofNanos(CLOSE_TIMEOUT_NANOS);
  private static final int NORMAL = 1000;
  private static final int INTERNAL_ERROR = 1011;
  /** A single message longer than this fails the connection (1009) instead of being drained. */
  private static final long CLOSE_BEYOND_BYTES = 16L << 20;

  private final Inlet<FrameEvent> in = Inlet.create("SocketStage.in");
  private final Outlet<FrameEvent> out = Outlet.create("SocketStage.out");
  private final FlowShape<FrameEvent, FrameEvent> shape = FlowShape.of(in, out);

  private final SocketOutbox outbox;
  private final ClientLink link;
  private final Supplier<CompletionStage<ActorRef<PlayerSession.Command>>> connect;
  private final Runnable onStop;
  private final SocketSettings settings;
  private final int maxMessageBytes;
  private final ServerMetrics metrics;

  SocketStage(SocketOutbox outbox, ClientLink link,
      Supplier<CompletionStage<ActorRef<PlayerSession.Command>>> connect, Runnable onStop,
      SocketSettings settings, int maxMessageBytes, ServerMetrics metrics) {
    this.onStop = onStop;
    this.outbox = outbox;
    this.link = link;
    this.connect = connect;
    this.settings = settings;
    this.maxMessageBytes = maxMessageBytes;
    this.metrics = metrics;
  }

  @Override
  public FlowShape<FrameEvent, FrameEvent> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attributes) {
    return new Logic();
  }

  private enum State { OPEN, CLOSE_SENT, CLOSED }

  private static final Object HOUSEKEEPING = "housekeeping";
  private static final Object CLOSE_DEADLINE = "close-deadline";

  private final class Logic extends TimerGraphStageLogic implements FrameReader.Events {

    private final FrameReader reader = new FrameReader(maxMessageBytes, CLOSE_BEYOND_BYTES, this);
    private final FrameGate gate;
    private final AtomicBoolean sessionTold = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile ActorRef<PlayerSession.Command> session;
    private State state = State.OPEN;
    private FrameStart pong;
    private FrameStart closeFrame;
    private boolean completeAfterClose;
    private boolean idleReported;
    private long lastWrite = System.nanoTime();

    Logic() {
      super(shape);
      gate = new FrameGate(settings.framesPerSecond(), settings.frameBurst(), settings.floodCloseAfter(),
          settings.floodCloseFrames(), System.nanoTime());
      setHandler(in, new AbstractInHandler() {
        @Override
        public void onPush() {
          reader.read(grab(in));
          if (state != State.CLOSED && !hasBeenPulled(in) && !isClosed(in)) {
            pull(in);
          }
        }

        @Override
        public void onUpstreamFinish() {
          completeStage(); // the client went away without a close frame
        }

        @Override
        public void onUpstreamFailure(Throwable cause) {
          if (cause instanceof ProtocolException) { // pekko-http's frame parser gave up on the bytes
            violation(FrameReader.PROTOCOL_ERROR, "Malformed frame");
          } else {
            failStage(cause);
          }
        }
      });
      setHandler(out, new AbstractOutHandler() {
        @Override
        public void onPull() {
          write();
        }

        @Override
        public void onDownstreamFinish(Throwable cause) {
          completeStage();
        }
      });
    }

    @Override
    public void preStart() {
      AsyncCallback<ActorRef<PlayerSession.Command>> started = createAsyncCallback(this::onSession);
      AsyncCallback<Throwable> refused = createAsyncCallback(failure -> closeWith(INTERNAL_ERROR, SERVER_BUSY, true));
      AsyncCallback<Boolean> wakeup = createAsyncCallback(ignored -> write());
      outbox.attach(() -> wakeup.invoke(Boolean.TRUE));
      connect.get().whenComplete((ref, failure) -> {
        if (ref == null) {
          refused.invoke(failure);
          return;
        }
        session = ref;
        if (stopped) {
          tellStreamEnded(); // the socket closed while the session was being started
        } else {
          started.invoke(ref);
        }
      });
      long every = Math.min(Math.min(settings.pingInterval().toNanos(), settings.stallTimeout().toNanos()),
          settings.idleTimeout().toNanos()) / 3;
      scheduleWithFixedDelay(HOUSEKEEPING, java.time.Duration.ofNanos(every), java.time.Duration.ofNanos(every));
    }

    private void onSession(ActorRef<PlayerSession.Command> ref) {
      if (state == State.OPEN) {
        pull(in); // frames are read only once there is someone to hand them to
      }
    }

    // --- inbound: what the reader found ---

    @Override
    public void message(boolean text, byte[] payload, long size) {
      link.touch(System.nanoTime());
      if (admitted()) {
        Inbound inbound = decode(text, payload, size);
        if (!steeredRoom(inbound)) {
          session.tell(new PlayerSession.FrameReceived(inbound));
        }
      }
    }

    /**
     * Steering goes straight to the client's room, when it is in one on this node: it is most of
     * what a playing client sends, and the session has nothing to add to it.
     */
    private boolean steeredRoom(Inbound inbound) {
      if (!(inbound instanceof Inbound.Parsed parsed)) {
        return false;
      }
      Packet packet = parsed.packet();
      ClientLink.Steering steering = switch (packet.getMsgCase()) {
        case PLAYER_DIRECTION -> new ClientLink.Steering(false, packet.getPlayerDirection().getDirection(), 0);
        case PLAYER_TARGET -> new ClientLink.Steering(true, packet.getPlayerTarget().getX(),
            packet.getPlayerTarget().getY());
        default -> null;
      };
      if (steering == null || !link.steer(steering)) {
        return false;
      }
      metrics.packetIn(packet.getMsgCase(), parsed.bytes());
      return true;
    }

    @Override
    public void ping(ByteString payload) {
      if (admitted()) {
        pong = PekkoFrames.pong(payload); // only the latest ping needs its answer (RFC 6455 5.5.3)
        write();
      }
    }

    @Override
    public void peerClosed(int code, String reason) {
      if (state == State.CLOSE_SENT) {
        completeStage(); // the answer to our close: the handshake is done
      } else {
        closeWith(code, "", true); // echo the client's code, then hang up (RFC 6455 5.5.1)
      }
    }

    @Override
    public void violation(int code, String reason) {
      metrics.rejected("protocol_violation");
      closeWith(code, reason, true);
    }

    /** Every frame a client sends spends from its budget; over it, frames are dropped unread. */
    private boolean admitted() {
      FrameGate.Verdict verdict = gate.admit(System.nanoTime());
      switch (verdict) {
        case PASS -> {
          return true;
        }
        case NOTIFY -> {
          metrics.rejected("rate_limited");
          session.tell(new PlayerSession.FrameReceived(new Inbound.Unreadable("rate_limited", FLOOD_NOTICE, 0)));
        }
        case CLOSE -> {
          metrics.rejected("flood_closed");
          session.tell(new PlayerSession.Kick(FLOOD_CLOSE));
        }
        default -> metrics.rejected("rate_limited");
      }
      return false;
    }

    private Inbound decode(boolean text, byte[] payload, long size) {
      int bytes = (int) Math.min(size, Integer.MAX_VALUE);
      if (text) {
        return new Inbound.Unreadable("text_frame",
            "Text frames are not supported: send each Packet as one binary frame", bytes);
      }
      if (payload == null) {
        return new Inbound.Unreadable("oversized_frame", "Message too large: at most " + maxMessageBytes + " bytes",
            bytes);
      }
      try {
        return new Inbound.Parsed(Packet.parseFrom(payload), bytes);
      } catch (InvalidProtocolBufferException e) {
        return new Inbound.Unreadable("malformed_packet", "Malformed packet: not a protobuf Packet", bytes);
      }
    }

    // --- outbound ---

    /** Writes the next frame if the socket can take one: close, pong, then the session's frames. */
    private void write() {
      while (isAvailable(out)) {
        if (closeFrame != null) {
          pushClose();
          return;
        }
        if (pong != null) {
          push(out, pong);
          pong = null;
          lastWrite = System.nanoTime();
          return;
        }
        if (state != State.OPEN) {
          return;
        }
        ByteString frame = outbox.poll();
        if (frame != null) {
          push(out, PekkoFrames.binary(frame));
          lastWrite = System.nanoTime();
          return;
        }
        if (outbox.drained()) {
          closeWith(NORMAL, "", false); // the session is done: close normally, wait for the answer
        } else if (outbox.park()) {
          return;
        }
      }
    }

    /** Sends a close frame next; then hangs up at once, or waits a while for the client's answer. */
    private void closeWith(int code, String reason, boolean hangUp) {
      if (state != State.OPEN) {
        if (hangUp && state == State.CLOSE_SENT) {
          completeStage();
        }
        return;
      }
      outbox.end();
      closeFrame = PekkoFrames.close(code, reason);
      completeAfterClose = hangUp;
      state = State.CLOSE_SENT;
      write();
    }

    private void pushClose() {
      push(out, closeFrame);
      closeFrame = null;
      if (completeAfterClose) {
        completeStage();
        return;
      }
      scheduleOnce(CLOSE_DEADLINE, CLOSE_TIMEOUT);
      if (!hasBeenPulled(in) && !isClosed(in) && session != null) {
        pull(in); // keep reading: the client's close frame ends the handshake
      }
    }

    @Override
    public void onTimer(Object key) {
      if (key == CLOSE_DEADLINE) {
        completeStage(); // the client never answered our close
        return;
      }
      long now = System.nanoTime();
      boolean waitingToWrite = !isAvailable(out) && (outbox.size() > 0 || closeFrame != null);
      if (waitingToWrite && now - lastWrite > settings.stallTimeout().toNanos()) {
        metrics.rejected("slow_reader");
        failStage(SlowReader.INSTANCE); // it is not reading, so a close frame would never reach it
        return;
      }
      if (state == State.OPEN && isAvailable(out) && now - lastWrite > settings.pingInterval().toNanos()) {
        push(out, PekkoFrames.ping());
        lastWrite = now;
      }
      if (state == State.OPEN && session != null && !idleReported
          && now - link.lastInboundNanos() > settings.idleTimeout().toNanos()) {
        idleReported = true;
        metrics.rejected("idle_timeout");
        session.tell(new PlayerSession.Kick(IDLE));
      }
    }

    @Override
    public void postStop() {
      stopped = true;
      onStop.run();
      outbox.end();
      if (session != null) {
        tellStreamEnded();
      }
    }

    private void tellStreamEnded() {
      if (sessionTold.compareAndSet(false, true)) {
        session.tell(PlayerSession.StreamCompleted.INSTANCE);
      }
    }
  }

  /** Ends a connection whose client stopped reading; no stack trace: it is an outcome, not a bug. */
  static final class SlowReader extends RuntimeException {
    static final SlowReader INSTANCE = new SlowReader();

    private SlowReader() {
      super("client left written frames unread for the stall timeout", null, false, false);
    }
  }
}
