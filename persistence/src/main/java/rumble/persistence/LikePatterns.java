package rumble.persistence;

/** Builds LIKE patterns in which the user's text matches only itself. */
final class LikePatterns {
  /** Used with {@code LIKE ? ESCAPE '\'}; a plain backslash in standard SQL string literals. */
  static final char ESCAPE = '\\';

  private LikePatterns() {}

  /** "a_c" becomes "a\_c%": starts with the literal text, whatever wildcards it contains. */
  static String startsWith(String text) {
    StringBuilder pattern = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '%' || ch == '_' || ch == ESCAPE) {
        pattern.append(ESCAPE);
      }
      pattern.append(ch);
    }
    return pattern.append('%').toString();
  }
}
