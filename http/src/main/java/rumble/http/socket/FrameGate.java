package rumble.http.socket;

/**
 * Meters one connection's inbound WebSocket frames before anything reads them: a token bucket of
 * {@code burst} frames refilled at {@code perSecond}. A frame over budget is dropped unread; the first
 * drop of each second becomes a notice for the client, and a client still flooding {@code closeAfter}
 * after its flood began (drops less than a second apart) is closed, or sooner once {@code closeAfterDrops}
 * of its frames were dropped in that flood. Dropping is not free: pekko-http has built each frame
 * into a message (a substream, ~11 KB of garbage) before the gate sees it, so a client sending
 * 10,000 frames a second cost about a tenth of a core and, with four of them, the rooms skipped
 * ticks in the young-GC pauses; closing it after 1,000 drops instead of a second cuts that tenfold.
 * Not thread-safe: one per stream.
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
