package rumble.http.socket;

/**
 * Meters one connection's inbound WebSocket messages (and pings) before they are decoded: a token
 * bucket of {@code burst} frames refilled at {@code perSecond}. One over budget is dropped undecoded;
 * the first drop of each second becomes a notice for the client, and a client still flooding
 * {@code closeAfter} after its flood began (drops less than a second apart) is closed, or sooner once
 * {@code closeAfterDrops} of its frames were dropped in that flood. Dropping is cheap but not free
 * (each frame is still read and unmasked), and under pekko-http's message API it cost a sub-stream
 * per frame; closing a flooder at its 1,000th drop rather than after a second keeps four flooders
 * at 10,000 frames/s to about a fifth of a core (suite flood). Not thread-safe: one per connection.
 */
final class FrameGate {

  enum Verdict { PASS, DROP, NOTIFY, CLOSE }

  private static final long SECOND = 1_000_000_000L;

  private final double burst;
  private final double perNano;
  private final long closeAfterNanos;
  private final int closeAfterDrops;
  private int dropsInFlood;
  private double tokens;
  private long lastRefill;
  private long floodingSince = -1;
  private long lastDrop;
  private long lastNotice;
  private boolean closed;

  FrameGate(double perSecond, int burst, java.time.Duration closeAfter, int closeAfterDrops, long nowNanos) {
    this.burst = burst;
    this.perNano = perSecond / SECOND;
    this.closeAfterNanos = closeAfter.toNanos();
    this.closeAfterDrops = closeAfterDrops;
    this.tokens = burst;
    this.lastRefill = nowNanos;
    this.lastNotice = nowNanos - SECOND;
  }

  Verdict admit(long now) {
    tokens = Math.min(burst, tokens + (now - lastRefill) * perNano);
    lastRefill = now;
    if (floodingSince >= 0 && now - lastDrop > SECOND) {
      floodingSince = -1; // a quiet second ends a flood
    }
    if (closed) {
      return Verdict.DROP;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return Verdict.PASS;
    }
    lastDrop = now;
    if (floodingSince < 0) {
      floodingSince = now;
      dropsInFlood = 0;
    }
    dropsInFlood++;
    if (now - floodingSince >= closeAfterNanos || dropsInFlood >= closeAfterDrops) {
      closed = true;
      return Verdict.CLOSE;
    }
    if (now - lastNotice >= SECOND) {
      lastNotice = now;
      return Verdict.NOTIFY;
    }
    return Verdict.DROP;
  }
}
