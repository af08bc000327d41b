package rumble.actors.account;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A few registrations per minute per address (issue 8, Why 3: sixty connections registering at once
 * from one place filled the pool every other request waited on). Each registration costs a bcrypt
 * hash and a database write, so the limit is taken before either is spent.
 */
public final class RegistrationLimit {

  private final AddressBuckets buckets;

  public RegistrationLimit(int burst, double perMinute, LongSupplier nanoClock) {
    this.buckets = new AddressBuckets(burst, perMinute, nanoClock);
  }

  /** From {@code rumble.accounts.registration-limit}. */
  public static RegistrationLimit fromConfig(Config limit, LongSupplier nanoClock) {
    return new RegistrationLimit(limit.getInt("burst"), limit.getDouble("per-minute"), nanoClock);
  }

  /** Zero when {@code address} may register now (and that spends one), else how long to wait. */
  public Duration tryRegister(String address) {
    return buckets.tryTake(address);
  }
}
