package rumble.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountRulesTest {
  private static final String ONLY_ALLOWED =
      "Invalid username: only letters, digits, spaces, '_', '-' and '.' are allowed";

  private static void assertUsername(String expectedProblem, String username) {
    assertEquals(Optional.ofNullable(expectedProblem), AccountRules.usernameProblem(username),
        "username [" + username + "]");
  }

  private static void assertPassword(String expectedProblem, String username, String password) {
    assertEquals(Optional.ofNullable(expectedProblem),
        AccountRules.passwordProblem(username, password), "password [" + password + "]");
  }

  @Test
  void goodUsernamesPass() {
    assertUsername(null, "Bob");
    assertUsername(null, "x");
    assertUsername(null, "Jean-Luc Picard_2.0");
    assertUsername(null, "Zoë");
    assertUsername(null, "名前");
    assertUsername(null, "Zoe\u0308"); // ë typed as e + combining diaeresis
    assertUsername(null, "हिन्दी"); // needs combining vowel signs
    assertUsername(null, "a".repeat(20));
  }

  @Test
  void emptyUsernamesUseTheOriginalMessage() {
    assertUsername("Invalid username: empty", "");
    assertUsername("Invalid username: empty", null);
  }

  @Test
  void tooLongIsCountedInCharactersNotBytes() {
    assertUsername("Invalid username: too long", "a".repeat(21));
    assertUsername(null, "é".repeat(20)); // 40 bytes: the original refused this
    assertUsername("Invalid username: too long", "é".repeat(21));
    assertUsername(null, "名".repeat(20));
    assertUsername("Invalid username: too long", "𝒜".repeat(21)); // one code point, two chars
    assertUsername(ONLY_ALLOWED, "𝒜".repeat(10) + "🙂"); // 11 code points, emoji not allowed
  }

  @Test
  void surroundingWhitespaceUsesTheOriginalMessage() {
    String message = "Invalid username: leading or trailing whitespace";
    assertUsername(message, " bob");
    assertUsername(message, "bob ");
    assertUsername(message, "\tbob");
    assertUsername(message, "bob\n");
    assertUsername(message, "bob\u00a0"); // no-break space, as Go's TrimSpace sees it
    assertUsername(message, "   ");
    assertUsername(null, "bob the builder");
  }

  @Test
  void controlAndSymbolCharactersAreRefused() {
    assertUsername(ONLY_ALLOWED, "bo\u0000b");
    assertUsername(ONLY_ALLOWED, "bo\u001bb");
    assertUsername(ONLY_ALLOWED, "bob\tsmith");
    assertUsername(ONLY_ALLOWED, "zero\u200bwidth");
    assertUsername(ONLY_ALLOWED, "[b]bold[/b]");
    assertUsername(ONLY_ALLOWED, "100%");
    assertUsername(ONLY_ALLOWED, "bob@example");
    assertUsername(ONLY_ALLOWED, "smile🙂");
    assertUsername(ONLY_ALLOWED, "\u0308bob"); // a combining mark must follow a letter
    assertUsername(ONLY_ALLOWED, "bob \u0308");
  }

  @Test
  void goodPasswordsPass() {
    assertPassword(null, "bob", "hunter22");
    assertPassword(null, "bob", "correct horse battery staple");
    assertPassword(null, "bob", "x".repeat(72));
    assertPassword(null, null, "whatever1");
  }

  @Test
  void shortPasswordsAreRefused() {
    String message = "Invalid password: too short (at least 8 characters)";
    assertPassword(message, "bob", null);
    assertPassword(message, "bob", "");
    assertPassword(message, "bob", "1234567");
    assertPassword(message, "bob", "ééééééé"); // 14 bytes but only 7 characters
    assertPassword(null, "bob", "12345678");
  }

  @Test
  void passwordsOverBcryptsByteLimitAreRefused() {
    String message = "Invalid password: too long (at most 72 bytes, the bcrypt limit;"
        + " accented letters and emoji take 2 to 4)";
    assertPassword(message, "bob", "x".repeat(73));
    assertPassword(message, "bob", "é".repeat(37)); // 37 characters, 74 bytes
    assertPassword(null, "bob", "é".repeat(36));
  }

  @Test
  void whitespaceOnlyPasswordsAreRefused() {
    assertPassword("Invalid password: cannot be only whitespace", "bob", "         ");
    assertPassword("Invalid password: cannot be only whitespace", "bob", " \t \n \t  ");
    assertPassword(null, "bob", "  with spaces  ");
  }

  @Test
  void thePasswordMustNotBeTheUsernameInAnyCase() {
    String message = "Invalid password: must not be the same as the username";
    assertPassword(message, "LongUsername", "LongUsername");
    assertPassword(message, "LongUsername", "longusername");
    assertPassword(message, "longusername", "LONGUSERNAME");
    assertPassword(null, "LongUsername", "LongUsername1");
  }
}
