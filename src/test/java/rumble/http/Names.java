package rumble.http;

import java.util.concurrent.atomic.AtomicInteger;

/** Fresh, valid usernames, so no two tests ever share an account. */
final class Names {

  private static final AtomicInteger counter = new AtomicInteger();

  private Names() {}

  /** {@code prefix} (letters only, at most 12 characters) plus a number unique in this JVM. */
  static String fresh(String prefix) {
    return prefix + counter.incrementAndGet();
  }
}
