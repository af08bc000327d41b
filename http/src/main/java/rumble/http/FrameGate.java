package rumble.http;

/**
 * Meters one connection's inbound WebSocket frames before anything reads them: a token bucket of
 * {@code burst} frames refilled at {@code perSecond}. A frame over budget is dropped unread; the first
 * drop of each second becomes a notice for the client, and a client still flooding {@code closeAfter}
 * after its flood began (drops less than a second apart) is closed. Not thread-safe: one per stream.
 */
final class FrameGate {

  enum Verdict { PASS, DROP, NOTIFY, CLOSE }

  private static final long SECOND = 1_000_000_000L;

  private final double burst;
  private final double perNano;
  private final long closeAfterNanos;
  private double tokens;
  private long lastRefill;
  private long floodingSince = -1;
  private long lastDrop;
  private long lastNotice;
  private boolean closed;

  FrameGate(double perSecond, int burst, java.time.Duration closeAfter, long nowNanos) {
    this.burst = burst;
    this.perNano = perSecond / SECOND;
    this.closeAfterNanos = closeAfter.toNanos();
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
    }
    if (now - floodingSince >= closeAfterNanos) {
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
