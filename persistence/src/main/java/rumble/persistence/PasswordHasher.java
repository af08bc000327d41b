package rumble.persistence;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * bcrypt hashing (the "$2a$" format, the same as the original Go server's x/crypto hashes, so its
 * users could be imported). Thread-safe. Each hash or verify takes tens of milliseconds at cost 10
 * and doubles per extra cost step: call it off the game loop.
 */
public final class PasswordHasher {
  /** The original server used bcrypt.DefaultCost = 10; anything lower is too cheap to brute-force. */
  public static final int MIN_COST = 10;
  /** bcrypt's own upper limit. */
  public static final int MAX_COST = 31;

  private final int cost;
  private final BCrypt.Hasher hasher = BCrypt.withDefaults();
  private final BCrypt.Verifyer verifyer = BCrypt.verifyer();
  private final String dummyHash;

  public PasswordHasher(int cost) {
    if (cost < MIN_COST || cost > MAX_COST) {
      throw new IllegalArgumentException(
          "bcrypt cost must be between " + MIN_COST + " and " + MAX_COST + ", was " + cost);
    }
    this.cost = cost;
    this.dummyHash = hash(randomPassword());
  }

  public int cost() {
    return cost;
  }

  /**
   * Hashes with a fresh random salt. Throws IllegalArgumentException for a password over 72 UTF-8
   * bytes (bcrypt would silently ignore the rest); {@link AccountRules#passwordProblem} rejects
   * those first.
   */
  public String hash(String password) {
    return hasher.hashToString(cost, password.toCharArray());
  }

  /** True only when the password matches. False, not an exception, for a null or malformed hash. */
  public boolean verify(String password, String hash) {
    if (password == null || hash == null) {
      return false;
    }
    try {
      return verifyer.verify(password.toCharArray(), hash).verified;
    } catch (RuntimeException e) {
      // e.g. a password over bcrypt's 72-byte limit: it cannot be the one that was hashed.
      return false;
    }
  }

  /**
   * A valid hash of a random password, made once. Verify a login for an unknown user against it so
   * that the reply takes as long as for a known user (no user enumeration by timing).
   */
  public String dummyHash() {
    return dummyHash;
  }

  private static String randomPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
