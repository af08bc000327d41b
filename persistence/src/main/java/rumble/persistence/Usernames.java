package rumble.persistence;

import java.text.Normalizer;
import java.util.Locale;

/** The one place that decides when two typed names are "the same account". */
final class Usernames {
  private Usernames() {}

  /**
   * The stored, unique login key: NFC so that "é" typed as one code point or as e + accent is the
   * same user, then lower case (Locale.ROOT, so a Turkish server locale cannot change the result).
   */
  static String key(String typed) {
    return Normalizer.normalize(typed, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  /** The display name: the typed case, in the same normal form as the key. */
  static String displayName(String typed) {
    return Normalizer.normalize(typed, Normalizer.Form.NFC);
  }
}
