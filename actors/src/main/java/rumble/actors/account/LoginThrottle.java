package rumble.actors.account;

import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows password guessing: after too many failed logins within a window, further attempts for that
 * account, or from that remote address, are refused without spending a password hash on them.
 *
 * <p>Shared by all sessions of one node, so it is a small thread-safe in-memory table rather than
 * an actor: checks sit on every login and must not cost a message round trip. Entries expire with
 * their window, and the table is swept when it grows, so memory stays bounded.
 */
public final class LoginThrottle {

  private final int maxPerAccount;
  private final int maxPerAddress;
  private final long windowNanos;
  private final LongSupplier clock;
  private final Map<String, ArrayDeque<Long>> failures = new ConcurrentHashMap<>();

  public LoginThrottle(int maxPerAccount, int maxPerAddress, Duration window, LongSupplier nanoClock) {
    this.maxPerAccount = maxPerAccount;
    this.maxPerAddress = maxPerAddress;
    this.windowNanos = window.toNanos();
    this.clock = nanoClock;
  }

  /** How long this attempt must wait, or {@link Duration#ZERO} when it may go ahead. */
  public Duration retryAfter(String username, String address) {
    long now = clock.getAsLong();
    long wait = Math.max(
        waitNanos(accountKey(username), maxPerAccount, now),
        waitNanos(addressKey(address), maxPerAddress, now));
    return Duration.ofNanos(wait);
  }

  public void recordFailure(String username, String address) {
    long now = clock.getAsLong();
    if (failures.size() > 100_000) {
      sweep(now);
    }
    record(accountKey(username), now);
    record(addressKey(address), now);
  }

  /** A correct password clears the account's failures; the address keeps its count. */
  public void recordSuccess(String username) {
    failures.remove(accountKey(username));
  }

  private long waitNanos(String key, int max, long now) {
    ArrayDeque<Long> times = failures.get(key);
    if (times == null) {
      return 0;
    }
    synchronized (times) {
      expire(times, now);
      return times.size() < max ? 0 : times.peekFirst() + windowNanos - now;
    }
  }

  private void record(String key, long now) {
    ArrayDeque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      expire(times, now);
      times.addLast(now);
    }
  }

  private void expire(ArrayDeque<Long> times, long now) {
    while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
      times.pollFirst();
    }
  }

  private void sweep(long now) {
    failures.entrySet().removeIf(entry -> {
      synchronized (entry.getValue()) {
        expire(entry.getValue(), now);
        return entry.getValue().isEmpty();
      }
    });
  }

  /** The same key the accounts use (NFC, then lower case), so no spelling of a name has its own count. */
  private static String accountKey(String username) {
    return "u:" + Normalizer.normalize(username, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  private static String addressKey(String address) {
    return "a:" + address;
  }
}
