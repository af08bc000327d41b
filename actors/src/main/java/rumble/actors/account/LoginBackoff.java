package rumble.actors.account;

import com.typesafe.config.Config;
import java.text.Normalizer;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows password guessing with growing delays instead of a lockout (issue 8, Why 5: five wrong
 * guesses used to lock the owner out for 15 minutes, and twenty failures from one NAT locked everyone
 * behind it out of every account).
 *
 * <ul>
 *   <li>Per account and address: after {@code free-failures} failures each further attempt first
 *       waits base, 2 × base, 4 × base … up to {@code max-delay} after the last failure, then is
 *       verified. The wait is a delay, never a refusal, so the right password always gets in.</li>
 *   <li>Per account, from addresses it was never logged into from: the same growing delay once
 *       {@code account-free-failures} failed from anywhere, against guessing from many addresses.</li>
 *   <li>Per address, into accounts it was never logged into: failures spend a token bucket; when it
 *       is empty such attempts are refused with the wait until the next token (seconds), so one
 *       address cannot spray guesses over many accounts, yet a NAT only ever waits seconds.</li>
 * </ul>
 * An address that logged in successfully is remembered for that account (the owner's usual
 * address): nobody else's failures slow it beyond its own pair's delay. Shared by every session of
 * a node, so a thread-safe table; entries are forgotten after {@code forget-after} without failures.
 */
public final class LoginBackoff {

  /** What a login attempt must do first. */
  public sealed interface Decision {}

  /** Verify the password after {@code delay} (often zero). */
  public record Proceed(Duration delay) implements Decision {}

  /** Do not verify: this address has spent its failures; it may try again after {@code retryAfter}. */
  public record Refuse(Duration retryAfter) implements Decision {}

  private static final int SWEEP_ABOVE = 100_000;

  private final int freeFailures;
  private final int accountFreeFailures;
  private final long baseNanos;
  private final long maxNanos;
  private final long forgetNanos;
  private final LongSupplier clock;
  private final AddressBuckets addresses;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();
  private final Set<String> knownPairs;

  public LoginBackoff(int freeFailures, int accountFreeFailures, Duration baseDelay, Duration maxDelay,
      int perAddressBurst, double perAddressPerMinute, int rememberedLogins, Duration forgetAfter,
      LongSupplier nanoClock) {
    this.freeFailures = freeFailures;
    this.accountFreeFailures = accountFreeFailures;
    this.baseNanos = baseDelay.toNanos();
    this.maxNanos = maxDelay.toNanos();
    this.forgetNanos = forgetAfter.toNanos();
    this.clock = nanoClock;
    this.addresses = new AddressBuckets(perAddressBurst, perAddressPerMinute, nanoClock);
    this.knownPairs = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > rememberedLogins;
      }
    }));
  }

  /** From {@code rumble.accounts.login-backoff}. */
  public static LoginBackoff fromConfig(Config backoff, LongSupplier nanoClock) {
    return new LoginBackoff(backoff.getInt("free-failures"), backoff.getInt("account-free-failures"),
        backoff.getDuration("base-delay"), backoff.getDuration("max-delay"), backoff.getInt("per-address-burst"),
        backoff.getDouble("per-address-per-minute"), backoff.getInt("remembered-logins"),
        backoff.getDuration("forget-after"), nanoClock);
  }

  public Decision beforeAttempt(String username, String address) {
    long now = clock.getAsLong();
    String account = accountKey(username);
    boolean known = knownPairs.contains(pairKey(account, address));
    if (!known) {
      Duration wait = addresses.waitFor(address);
      if (!wait.isZero()) {
        return new Refuse(wait);
      }
    }
    long delay = delayNanos(pairKey(account, address), freeFailures, now);
    if (!known) {
      delay = Math.max(delay, delayNanos(account, accountFreeFailures, now));
    }
    return new Proceed(Duration.ofNanos(delay));
  }

  public void recordFailure(String username, String address) {
    long now = clock.getAsLong();
    if (failures.size() > SWEEP_ABOVE) {
      failures.values().removeIf(f -> f.forgotten(now));
    }
    String account = accountKey(username);
    String pair = pairKey(account, address);
    count(pair, now);
    count(account, now);
    if (!knownPairs.contains(pair)) {
      addresses.take(address);
    }
  }

  /** The right password: this address is now the owner's, and the account's failures are forgiven. */
  public void recordSuccess(String username, String address) {
    String account = accountKey(username);
    String pair = pairKey(account, address);
    knownPairs.add(pair);
    failures.remove(pair);
    failures.remove(account);
  }

  private long delayNanos(String key, int free, long now) {
    Failures f = failures.get(key);
    if (f == null) {
      return 0;
    }
    synchronized (f) {
      if (f.forgotten(now) || f.count < free) {
        return 0;
      }
      int doublings = Math.min(f.count - free, 30);
      long backoff = Math.min(maxNanos, baseNanos << doublings);
      return Math.max(0, f.last + backoff - now);
    }
  }

  private void count(String key, long now) {
    Failures f = failures.computeIfAbsent(key, k -> new Failures());
    synchronized (f) {
      if (f.forgotten(now)) {
        f.count = 0;
      }
      f.count++;
      f.last = now;
    }
  }

  private final class Failures {
    int count;
    long last;

    synchronized boolean forgotten(long now) {
      return count > 0 && now - last >= forgetNanos;
    }
  }

  /** The same key the accounts use (NFC, then lower case), so no spelling of a name has its own count. */
  private static String accountKey(String username) {
    return "u:" + Normalizer.normalize(username, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  private static String pairKey(String account, String address) {
    return account + "\u0000a:" + address;
  }
}
