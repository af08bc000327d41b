package rumble.persistence;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.text.Normalizer;
import java.util.Locale;

/** The one place that decides when two typed names are "the same account". */
final class Usernames {
  /** Immutable once built, and thread-safe for getSkeleton. */
  private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder().build();
  private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

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

  /**
   * The key under which names that look alike collide: "alpha", "аlpha" (Cyrillic а), "ａｌｐｈａ"
   * (fullwidth) and "ΑLPHA" (Greek capital alpha) all give "alpha". NFKC case folding first (width,
   * compatibility forms, case), then the Unicode TR39 confusable skeleton, then case folding again,
   * since a skeleton may contain capitals ("0" becomes "O"). Stored unique in users.name_key: it
   * decides who may register a name, which names guests may not use, and exact hiscore search.
   * It is not the login key ({@link #key}): a login must spell the name, not something like it.
   */
  static String lookalikeKey(String typed) {
    return NFKC_CASEFOLD.normalize(CONFUSABLES.getSkeleton(NFKC_CASEFOLD.normalize(typed)));
  }

  /**
   * The same idea for capital letters, stored unique in users.capitals_key beside {@link
   * #lookalikeKey}: "ΑLΡΗΑ" in Greek capitals (Alpha, Rho, Eta) looks exactly like "ALPHA", but
   * folded to lower case first its eta becomes "η", whose look-alike is "n", so lookalikeKey misses
   * it. Here the name is folded (width, compatibility forms, invisible marks), put in upper case,
   * then skeletonised: both give "ALPHA". Neither key alone catches every look-alike.
   */
  static String capitalsKey(String typed) {
    return CONFUSABLES.getSkeleton(NFKC_CASEFOLD.normalize(typed).toUpperCase(Locale.ROOT));
  }
}
