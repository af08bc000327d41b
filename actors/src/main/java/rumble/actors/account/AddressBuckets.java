package rumble.actors.account;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per remote address ({@code burst} tokens, refilled at {@code perMinute}), shared
 * by every session of a node, so thread-safe. A full bucket is the same as none, so the table is
 * swept of those when it grows: memory stays bounded by the addresses currently spending.
 */
final class AddressBuckets {

  private static final int SWEEP_ABOVE = 100_000;

  private final double burst;
  private final double perNano;
  private final LongSupplier clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  AddressBuckets(int burst, double perMinute, LongSupplier nanoClock) {
    this.burst = burst;
    this.perNano = perMinute / 60e9;
    this.clock = nanoClock;
  }

  /** How long until {@code address} has a token again; zero when it has one now. Takes nothing. */
  Duration waitFor(String address) {
    Bucket bucket = buckets.get(address);
    if (bucket == null) {
      return Duration.ZERO;
    }
    synchronized (bucket) {
      return Duration.ofNanos(bucket.nanosUntilOne(clock.getAsLong()));
    }
  }

  /** Spends one token of {@code address} (it may go into debt, which only lengthens its wait). */
  void take(String address) {
    long now = clock.getAsLong();
    if (buckets.size() > SWEEP_ABOVE) {
      buckets.entrySet().removeIf(entry -> entry.getValue().isFull(now));
    }
    Bucket bucket = buckets.computeIfAbsent(address, a -> new Bucket(now));
    synchronized (bucket) {
      bucket.refill(now);
      bucket.tokens -= 1;
    }
  }

  /** Takes a token if there is one: zero; otherwise how long until there is (and takes nothing). */
  Duration tryTake(String address) {
    long now = clock.getAsLong();
    Bucket bucket = buckets.computeIfAbsent(address, a -> new Bucket(now));
    synchronized (bucket) {
      long wait = bucket.nanosUntilOne(now);
      if (wait == 0) {
        bucket.tokens -= 1;
      }
      return Duration.ofNanos(wait);
    }
  }

  private final class Bucket {
    double tokens = burst;
    long lastRefill;

    Bucket(long now) {
      lastRefill = now;
    }

    void refill(long now) {
      tokens = Math.min(burst, tokens + (now - lastRefill) * perNano);
      lastRefill = now;
    }

    long nanosUntilOne(long now) {
      refill(now);
      return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano);
    }

    synchronized boolean isFull(long now) {
      refill(now);
      return tokens >= burst;
    }
  }
}
