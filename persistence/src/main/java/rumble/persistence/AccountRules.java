package rumble.persistence;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Registration rules. Each method returns the message to show the player, or empty when the input
 * is acceptable. The first three username messages are the original server's, word for word.
 */
public final class AccountRules {
  /** Counted in characters (code points); the original counted bytes, so "é" cost two. */
  public static final int USERNAME_MAX_CHARACTERS = 20;
  public static final int PASSWORD_MIN_CHARACTERS = 8;
  /** bcrypt only uses the first 72 bytes of a password, so longer ones are refused, not cut. */
  public static final int PASSWORD_MAX_BYTES = 72;

  static final String USERNAME_EMPTY = "Invalid username: empty";
  static final String USERNAME_TOO_LONG = "Invalid username: too long";
  static final String USERNAME_WHITESPACE = "Invalid username: leading or trailing whitespace";
  static final String USERNAME_CHARACTERS =
      "Invalid username: only letters, digits, spaces, '_', '-' and '.' are allowed";
  static final String PASSWORD_TOO_SHORT =
      "Invalid password: too short (at least " + PASSWORD_MIN_CHARACTERS + " characters)";
  static final String PASSWORD_TOO_LONG = "Invalid password: too long (at most "
      + PASSWORD_MAX_BYTES + " bytes, the bcrypt limit; accented letters and emoji take 2 to 4)";
  static final String PASSWORD_BLANK = "Invalid password: cannot be only whitespace";
  static final String PASSWORD_IS_USERNAME = "Invalid password: must not be the same as the username";

  private AccountRules() {}

  /** Checks the name as it will be stored (Unicode NFC, see {@link AccountRepository#create}). */
  public static Optional<String> usernameProblem(String username) {
    if (username == null || username.isEmpty()) {
      return Optional.of(USERNAME_EMPTY);
    }
    String name = Usernames.displayName(username);
    if (name.codePointCount(0, name.length()) > USERNAME_MAX_CHARACTERS) {
      return Optional.of(USERNAME_TOO_LONG);
    }
    if (isSpace(name.codePointAt(0)) || isSpace(name.codePointBefore(name.length()))) {
      return Optional.of(USERNAME_WHITESPACE);
    }
    if (!onlyAllowedCharacters(name)) {
      return Optional.of(USERNAME_CHARACTERS);
    }
    return Optional.empty();
  }

  /** Checks the password alone and against the username (which may be null if unknown). */
  public static Optional<String> passwordProblem(String username, String password) {
    if (password == null
        || password.codePointCount(0, password.length()) < PASSWORD_MIN_CHARACTERS) {
      return Optional.of(PASSWORD_TOO_SHORT);
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES) {
      return Optional.of(PASSWORD_TOO_LONG);
    }
    if (password.codePoints().allMatch(AccountRules::isSpace)) {
      return Optional.of(PASSWORD_BLANK);
    }
    if (username != null && Usernames.key(username).equals(Usernames.key(password))) {
      return Optional.of(PASSWORD_IS_USERNAME);
    }
    return Optional.empty();
  }

  /**
   * Letters and digits of any script, plus a few separators. Combining marks are allowed right
   * after a letter, since many scripts (e.g. Devanagari) need them to spell a name. Control and
   * format characters (including invisible ones like U+200B) are refused, so that two different
   * names cannot look identical.
   */
  private static boolean onlyAllowedCharacters(String name) {
    int previous = ' ';
    for (int cp : name.codePoints().toArray()) {
      boolean allowed = Character.isLetter(cp) || Character.isDigit(cp)
          || cp == ' ' || cp == '_' || cp == '-' || cp == '.'
          || (isCombiningMark(cp) && (Character.isLetter(previous) || isCombiningMark(previous)));
      if (!allowed) {
        return false;
      }
      previous = cp;
    }
    return true;
  }

  private static boolean isCombiningMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
  }

  /** Whitespace as Go's unicode.IsSpace sees it (the original used strings.TrimSpace). */
  private static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
  }
}
