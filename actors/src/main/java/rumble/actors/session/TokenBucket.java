package rumble.actors.session;

/** A classic token bucket: {@code burst} tokens, refilled at {@code perSecond}. Not thread-safe. */
final class TokenBucket {

  private final double burst;
  private final double perNano;
  private double tokens;
  private long lastRefill;

  TokenBucket(double burst, double perSecond, long nowNanos) {
    this.burst = burst;
    this.perNano = perSecond / 1e9;
    this.tokens = burst;
    this.lastRefill = nowNanos;
  }

  /** Takes one token if there is one. */
  boolean tryTake(long nowNanos) {
    tokens = Math.min(burst, tokens + (nowNanos - lastRefill) * perNano);
    lastRefill = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
