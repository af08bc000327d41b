package rumble.persistence;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL address split into a JDBC URL that holds no secret and the credentials beside it.
 * Hosting providers hand out libpq URLs ({@code postgresql://user:pass@host:5432/db}); the JDBC
 * driver wants {@code jdbc:postgresql://host:5432/db} with user and password as properties, so
 * both forms are accepted and the password never stays in a string that could be logged.
 */
record PostgresUrl(String jdbcUrl, String user, String password) {
  private static final String JDBC_PREFIX = "jdbc:postgresql://";
  private static final List<String> LIBPQ_PREFIXES = List.of("postgresql://", "postgres://");

  @Override
  public String toString() {
    return "PostgresUrl[" + jdbcUrl + ", user=" + user + "]";
  }

  static PostgresUrl parse(String url) {
    if (url == null) {
      throw new IllegalArgumentException("no PostgreSQL URL given");
    }
    if (url.regionMatches(true, 0, JDBC_PREFIX, 0, JDBC_PREFIX.length())) {
      // pgjdbc reads its query with URLDecoder, so "+" is a space there.
      return withCredentialsFromQuery(url.substring(JDBC_PREFIX.length()), null, null, true);
    }
    for (String prefix : LIBPQ_PREFIXES) {
      if (url.regionMatches(true, 0, prefix, 0, prefix.length())) {
        return fromLibpq(url.substring(prefix.length()));
      }
    }
    throw new IllegalArgumentException("DATABASE_URL must start with postgresql://, postgres:// or "
        + JDBC_PREFIX + ", was " + masked(url));
  }

  /** [user[:password]@]host[:port][,host2...][/db][?params]: the userinfo becomes the credentials. */
  private static PostgresUrl fromLibpq(String rest) {
    int authorityEnd = indexOfAny(rest, "/?");
    String authority = rest.substring(0, authorityEnd);
    int at = authority.lastIndexOf('@');
    String user = null;
    String password = null;
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), false);
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1), false);
    }
    String hostAndRest = authority.substring(at + 1) + rest.substring(authorityEnd);
    return withCredentialsFromQuery(hostAndRest, user, password, false);
  }

  /** Moves user= and password= out of the query (they win over userinfo, as in libpq). */
  private static PostgresUrl withCredentialsFromQuery(String hostAndRest, String user, String password,
      boolean plusIsSpace) {
    if (hostAndRest.isEmpty() || hostAndRest.startsWith("/") || hostAndRest.startsWith("?")) {
      throw new IllegalArgumentException("DATABASE_URL names no host: " + masked(JDBC_PREFIX + hostAndRest));
    }
    int queryStart = hostAndRest.indexOf('?');
    if (queryStart < 0) {
      return new PostgresUrl(JDBC_PREFIX + hostAndRest, user, password);
    }
    List<String> kept = new ArrayList<>();
    for (String parameter : hostAndRest.substring(queryStart + 1).split("&")) {
      int equals = parameter.indexOf('=');
      String name = equals < 0 ? parameter : parameter.substring(0, equals);
      String value = equals < 0 ? "" : decode(parameter.substring(equals + 1), plusIsSpace);
      switch (name) {
        case "user" -> user = value;
        case "password" -> password = value;
        default -> {
          if (!parameter.isEmpty()) {
            kept.add(parameter);
          }
        }
      }
    }
    String base = JDBC_PREFIX + hostAndRest.substring(0, queryStart);
    return new PostgresUrl(kept.isEmpty() ? base : base + "?" + String.join("&", kept), user, password);
  }

  /** For error messages: the URL with anything after "user:" in the userinfo and every *password= value hidden. */
  static String masked(String url) {
    return url.replaceAll("(://[^/?@:]*:)[^/?]*@", "$1***@")
        .replaceAll("(?i)([?&][^=&]*password=)[^&]*", "$1***");
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }

  /** Percent-decoding as UTF-8; a "+" is literal in a URL's userinfo and only a space where the driver says so. */
  private static String decode(String text, boolean plusIsSpace) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) == '%' && isHex(text, i + 1) && isHex(text, i + 2)) {
        bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 3;
      } else {
        int codePoint = text.codePointAt(i);
        String literal = codePoint == '+' && plusIsSpace ? " " : Character.toString(codePoint);
        bytes.writeBytes(literal.getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(codePoint);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(String s, int index) {
    return index < s.length() && Character.digit(s.charAt(index), 16) >= 0;
  }
}
