package rumble.loadtest.suite;

import java.net.URI;
import java.time.Duration;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/**
 * A player in game while a suite attacks: counts the world deltas it receives and the longest wait
 * between two, on a thread of its own, so the suite can tell whether honest players noticed.
 */
final class Bystander implements AutoCloseable {

  private final ProtocolClient client;
  private final Thread reader;
  private volatile boolean running = true;
  private volatile long deltas;
  private volatile long longestGapNanos;
  private volatile int tickHz;
  private final long start;
  private volatile long end;

  private Bystander(ProtocolClient client) {
    this.client = client;
    this.start = System.nanoTime();
    this.reader = new Thread(this::read, "bystander");
    reader.setDaemon(true);
  }

  /** Connects as a guest and waits until it is seated in a room. */
  static Bystander join(URI url, String nickname) throws Exception {
    ProtocolClient client = ProtocolClient.connect(url);
    client.guest(nickname, 0xFF3366FF);
    client.expect(MsgCase.OK_RESPONSE);
    Bystander bystander = new Bystander(client);
    bystander.tickHz = client.expect(MsgCase.JOINED_ROOM).getJoinedRoom().getTickHz();
    bystander.reader.start();
    return bystander;
  }

  private void read() {
    long last = System.nanoTime();
    try {
      while (running) {
        Packet packet = client.poll(Duration.ofMillis(200));
        long now = System.nanoTime();
        if (packet != null && packet.getMsgCase() == MsgCase.WORLD_DELTA) {
          deltas++;
          longestGapNanos = Math.max(longestGapNanos, now - last);
          last = now;
        } else if (packet == null) {
          longestGapNanos = Math.max(longestGapNanos, now - last);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops counting; the figures below are final from here. */
  void stop() throws InterruptedException {
    running = false;
    reader.join(2_000);
    end = System.nanoTime();
  }

  long deltas() {
    return deltas;
  }

  /** Deltas received as a share of tick rate x time, in %. */
  double deliveredPercent() {
    double seconds = ((end == 0 ? System.nanoTime() : end) - start) / 1e9;
    return deltas / (seconds * tickHz) * 100;
  }

  long longestGapMillis() {
    return longestGapNanos / 1_000_000;
  }

  boolean open() {
    return !client.closed().isDone();
  }

  @Override
  public void close() {
    running = false;
    client.close();
  }
}
