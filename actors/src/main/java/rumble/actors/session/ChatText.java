package rumble.actors.session;

import java.util.Optional;

/** Cleans and checks a chat line before anyone else sees it. */
final class ChatText {

  private ChatText() {}

  /**
   * Strips control and invisible formatting characters (which can reorder or hide text on other
   * screens; the zero-width joiner stays because emoji need it) and trims the result.
   */
  static String clean(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    raw.codePoints().forEach(cp -> {
      int type = Character.getType(cp);
      boolean invisible = type == Character.CONTROL || type == Character.FORMAT
          || type == Character.SURROGATE || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
      if (!invisible || cp == 0x200D) {
        out.appendCodePoint(cp);
      }
    });
    return out.toString().strip();
  }

  /** Why a cleaned line may not be sent, if it may not; length is counted in characters. */
  static Optional<String> problem(String cleaned, int maxLength) {
    if (cleaned.isEmpty()) {
      return Optional.of("Chat message is empty");
    }
    if (cleaned.codePointCount(0, cleaned.length()) > maxLength) {
      return Optional.of("Chat message too long (at most " + maxLength + " characters)");
    }
    return Optional.empty();
  }
}
