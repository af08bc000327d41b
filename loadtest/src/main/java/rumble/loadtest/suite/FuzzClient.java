package rumble.loadtest.suite;

import java.io.IOException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import rumble.protocol.GuestLoginRequestMessage;
import rumble.protocol.HiscoreBoardRequestMessage;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/**
 * One fuzzing client: connection after connection, each brought into a session phase (lobby, in
 * game as a guest, browsing hiscores) and then fed fuzz frames at a steady pace below the server's
 * per-connection frame budget, so they reach the decoder instead of the flood gate. It reconnects
 * whenever the server closes it, and ends a session itself after a while so every phase comes round.
 * A reader thread per connection takes everything the server sends (deltas included), so the
 * fuzzer is never mistaken for a slow reader.
 */
final class FuzzClient implements Runnable {

  enum Phase { LOBBY, GAME, HISCORES }

  /** Settings shared by every fuzzer of a run. */
  record Plan(SuiteTarget target, double framesPerSecond, int framesPerSession, long deadlineNanos,
      AtomicLong framesLeft, FuzzTally tally) {}

  private static final long SETUP_WAIT_MS = 5_000;
  private static final long CLOSE_WAIT_MS = 2_000;

  private final int index;
  private final Plan plan;
  private final FuzzFrames frames;
  private final SplittableRandom random;
  private final long periodNanos;
  private long nextSend;
  private int sessions;

  FuzzClient(int index, Plan plan, long seed) {
    this.index = index;
    this.plan = plan;
    this.frames = new FuzzFrames(seed);
    this.random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    this.periodNanos = (long) (1e9 / plan.framesPerSecond());
  }

  @Override
  public void run() {
    nextSend = System.nanoTime();
    while (plan.framesLeft().get() > 0 && System.nanoTime() < plan.deadlineNanos()) {
      try {
        session(Phase.values()[random.nextInt(Phase.values().length)]);
      } catch (IOException | RuntimeException e) {
        plan.tally().connectFailures.increment();
        if (!sleep(200_000_000L)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void session(Phase phase) throws IOException, InterruptedException {
    try (RawWebSocket ws = RawWebSocket.connect(plan.target().host(), plan.target().port(), 0)) {
      ws.socket.setSoTimeout(0); // the reader blocks until the server closes or this thread does
      Reader reader = new Reader(ws);
      Thread thread = new Thread(reader, "fuzz-reader-" + index);
      thread.setDaemon(true);
      thread.start();
      try {
        if (!await(reader, MsgCase.ID) || !enter(phase, ws, reader)) {
          plan.tally().setupFailures.increment();
        }
        plan.tally().session(phase);
        fuzz(ws, reader);
        if (!reader.closed.isDone()) {
          reader.clientClosing = true;
          ws.sendFrame(0x88, true, new byte[] {0x03, (byte) 0xE8}); // 1000, normal closure
          reader.closed.completeOnTimeout(null, CLOSE_WAIT_MS, TimeUnit.MILLISECONDS).join();
          plan.tally().clientCloses.increment();
        }
      } finally {
        ws.close();
        thread.join(CLOSE_WAIT_MS);
      }
    }
  }

  /** Brings a fresh connection into {@code phase}; false when the server did not take it there. */
  private boolean enter(Phase phase, RawWebSocket ws, Reader reader) throws IOException, InterruptedException {
    switch (phase) {
      case LOBBY -> {
        return true;
      }
      case GAME -> {
        sessions++;
        setup(ws, Packet.newBuilder().setGuestLoginRequest(GuestLoginRequestMessage.newBuilder()
            .setNickname("fz" + index + "x" + sessions).setColor(0xFF00FF00)).build());
        return await(reader, MsgCase.OK_RESPONSE);
      }
      default -> {
        setup(ws, Packet.newBuilder().setHiscoreBoardRequest(HiscoreBoardRequestMessage.getDefaultInstance()).build());
        return await(reader, MsgCase.HISCORE_BOARD);
      }
    }
  }

  private void setup(RawWebSocket ws, Packet packet) throws IOException, InterruptedException {
    pace();
    ws.send(packet);
    plan.tally().setupFrames.increment();
  }

  private void fuzz(RawWebSocket ws, Reader reader) throws InterruptedException {
    int count = plan.framesPerSession() / 2 + random.nextInt(plan.framesPerSession());
    for (int i = 0; i < count && !reader.closed.isDone() && System.nanoTime() < plan.deadlineNanos(); i++) {
      if (plan.framesLeft().getAndDecrement() <= 0) {
        return;
      }
      FuzzFrames.Frame frame = frames.next();
      pace();
      try {
        ws.sendFrame(frame.opcode(), frame.payload());
        plan.tally().sent(frame.kind());
      } catch (IOException closedMeanwhile) {
        plan.framesLeft().incrementAndGet(); // not sent: someone else sends it
        return;
      }
    }
  }

  /** Waits for the frame's slot; a fuzzer that fell behind (a pause) restarts its pace, never bursts. */
  private void pace() throws InterruptedException {
    long now = System.nanoTime();
    nextSend = Math.max(nextSend + periodNanos, now - periodNanos);
    if (nextSend > now) {
      pause(nextSend - now);
    }
  }

  private static void pause(long nanos) throws InterruptedException {
    TimeUnit.NANOSECONDS.sleep(nanos);
  }

  /** Pauses; false when interrupted (the run is being stopped). */
  private static boolean sleep(long nanos) {
    try {
      pause(nanos);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean await(Reader reader, MsgCase type) throws InterruptedException {
    return reader.awaited(type, SETUP_WAIT_MS);
  }

  /** Reads everything the server sends until it closes; counts denials and how the connection ended. */
  private final class Reader implements Runnable {
    private final RawWebSocket ws;
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    volatile boolean clientClosing;
    private volatile String disconnectReason;
    private final Set<MsgCase> seen = ConcurrentHashMap.newKeySet();

    Reader(RawWebSocket ws) {
      this.ws = ws;
    }

    boolean awaited(MsgCase type, long waitMs) throws InterruptedException {
      long deadline = System.currentTimeMillis() + waitMs;
      while (!seen.remove(type) && !closed.isDone()) {
        if (System.currentTimeMillis() > deadline) {
          return false;
        }
        Thread.sleep(5);
      }
      return !closed.isDone();
    }

    @Override
    public void run() {
      RawWebSocket.Close close;
      try {
        close = readUntilClose();
      } catch (IOException e) {
        close = new RawWebSocket.Close(RawWebSocket.Close.NO_CLOSE_FRAME, "");
      }
      if (!clientClosing) {
        plan.tally().serverClosed(close, disconnectReason);
      }
      closed.complete(null);
    }

    private RawWebSocket.Close readUntilClose() throws IOException {
      while (true) {
        RawWebSocket.Frame frame = ws.read();
        if (frame.isClose()) {
          return new RawWebSocket.Close(frame.closeCode(), frame.closeReason());
        }
        if (frame.isBinary()) {
          Packet packet = frame.packet();
          plan.tally().packetsReceived.increment();
          switch (packet.getMsgCase()) {
            case DENY_RESPONSE -> plan.tally().denials.increment();
            case DISCONNECT -> disconnectReason = packet.getDisconnect().getReason();
            case ID, OK_RESPONSE, HISCORE_BOARD -> seen.add(packet.getMsgCase());
            default -> { }
          }
        }
      }
    }
  }
}
