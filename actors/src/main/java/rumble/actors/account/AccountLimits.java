package rumble.actors.account;

import com.typesafe.config.Config;

/** The node's limits on account requests, shared by every session. */
public record AccountLimits(LoginBackoff logins, RegistrationLimit registrations) {

  /** From {@code rumble.accounts}. */
  public static AccountLimits fromConfig(Config accounts) {
    return new AccountLimits(LoginBackoff.fromConfig(accounts.getConfig("login-backoff"), System::nanoTime),
        RegistrationLimit.fromConfig(accounts.getConfig("registration-limit"), System::nanoTime));
  }
}
