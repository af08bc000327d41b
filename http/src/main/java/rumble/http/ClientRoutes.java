package rumble.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.extractUnmatchedPath;
import static org.apache.pekko.http.javadsl.server.Directives.reject;

import com.typesafe.config.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.ContentEncoding;
import org.apache.pekko.http.javadsl.model.headers.ETag;
import org.apache.pekko.http.javadsl.model.headers.EntityTag;
import org.apache.pekko.http.javadsl.model.headers.HttpEncodings;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the browser client: {@code GET /} and its files, from the jar or from {@code CLIENT_PATH}.
 * Versioned engine files are cached for a year; the page and the pack are revalidated with their
 * entity tag on every load (304 when unchanged). Gzip when the browser accepts it. Every file is
 * sent cross-origin isolated (COOP, COEP, CORP), which a threaded Godot build would need.
 */
final class ClientRoutes {

  private static final Logger log = LoggerFactory.getLogger(ClientRoutes.class);
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String REVALIDATE = "no-cache";

  private final ClientSource source;

  ClientRoutes(ClientSource source) {
    this.source = source;
  }

  /** From {@code rumble.http.client-path} (a folder) or else the jar, with {@code client-pack} if set. */
  static ClientRoutes fromConfig(Config http) {
    List<String> serverUrls = serverUrls(http.getString("client-server-urls"));
    String folder = http.getString("client-path");
    if (!folder.isBlank()) {
      log.info("Browser client: serving the folder {} at /", Path.of(folder).toAbsolutePath());
      if (!serverUrls.isEmpty()) {
        log.warn("Browser client: CLIENT_SERVER_URLS is not passed on: the folder's own page starts the client");
      }
      return new ClientRoutes(new ClientDirectory(Path.of(folder)));
    }
    String pack = http.getString("client-pack");
    BundledClient bundled = BundledClient.load(pack.isBlank() ? null : Path.of(pack), serverUrls);
    bundled.missing().ifPresentOrElse(
        why -> log.warn("Browser client: {}; / explains how to get it", why),
        () -> log.info("Browser client: served at /{}", pack.isBlank() ? "" : " with the pack " + pack));
    return new ClientRoutes(bundled);
  }

  /**
   * {@code "wss://a.example/ws, wss://b.example/ws"}: the {@code ws://} and {@code wss://} URLs of a
   * comma-separated list, blank meaning none; anything else fails with a message naming the variable.
   */
  static List<String> serverUrls(String text) {
    List<String> urls = new ArrayList<>();
    if (text.isBlank()) {
      return urls;
    }
    for (String entry : text.split(",", -1)) {
      String url = entry.trim();
      if (!isSocketUrl(url)) {
        throw new IllegalArgumentException("CLIENT_SERVER_URLS (rumble.http.client-server-urls): \"" + url
            + "\" is not a ws:// or wss:// URL; expected a comma-separated list such as"
            + " wss://node1.example/ws,wss://node2.example/ws (empty: the page's own server only)");
      }
      urls.add(url);
    }
    return List.copyOf(urls);
  }

  private static boolean isSocketUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      return (scheme.equals("ws") || scheme.equals("wss")) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  Route route() {
    return extractUnmatchedPath(path -> extractRequest(request -> {
      Optional<ClientFile> file = source.find(path.isEmpty() ? "/" : path);
      return file.isPresent() ? complete(respond(file.get(), request)) : reject();
    }));
  }

  static HttpResponse respond(ClientFile file, HttpRequest request) {
    boolean gzip = file.gzip() != null && acceptsGzip(header(request, "Accept-Encoding"));
    String tag = gzip ? file.tag() + "-gz" : file.tag();
    List<HttpHeader> headers = new ArrayList<>(List.of(
        RawHeader.create("Cache-Control", file.immutable() ? IMMUTABLE : REVALIDATE),
        ETag.create(EntityTag.create(tag, false)),
        RawHeader.create("Vary", "Accept-Encoding"),
        RawHeader.create("Cross-Origin-Opener-Policy", "same-origin"),
        RawHeader.create("Cross-Origin-Embedder-Policy", "require-corp"),
        RawHeader.create("Cross-Origin-Resource-Policy", "same-origin"),
        RawHeader.create("X-Content-Type-Options", "nosniff")));
    if (file.status() == 200 && matches(header(request, "If-None-Match"), file.tag())) {
      return HttpResponse.create().withStatus(StatusCodes.NOT_MODIFIED).addHeaders(headers);
    }
    if (gzip) {
      headers.add(ContentEncoding.create(HttpEncodings.GZIP));
    }
    return HttpResponse.create().withStatus(file.status()).addHeaders(headers)
        .withEntity(gzip ? file.gzip().get() : file.identity().get());
  }

  /** Whether an {@code Accept-Encoding} value allows gzip (by name or {@code *}, not with q=0). */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    Boolean named = null;
    boolean wildcard = false;
    for (String part : acceptEncoding.split(",")) {
      String[] fields = part.trim().split(";");
      String coding = fields[0].trim().toLowerCase(java.util.Locale.ROOT);
      boolean allowed = true;
      for (int i = 1; i < fields.length; i++) {
        String parameter = fields[i].trim().toLowerCase(java.util.Locale.ROOT);
        if (parameter.startsWith("q=")) {
          try {
            allowed = Double.parseDouble(parameter.substring(2)) > 0;
          } catch (NumberFormatException e) {
            allowed = false;
          }
        }
      }
      if (coding.equals("gzip") || coding.equals("x-gzip")) {
        named = allowed;
      } else if (coding.equals("*")) {
        wildcard = allowed;
      }
    }
    return named != null ? named : wildcard;
  }

  /** Whether an {@code If-None-Match} value names this content (either encoding of it) or is {@code *}. */
  private static boolean matches(String ifNoneMatch, String tag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String value = candidate.trim().replaceFirst("^W/", "");
      if (value.equals("*") || value.equals("\"" + tag + "\"") || value.equals("\"" + tag + "-gz\"")) {
        return true;
      }
    }
    return false;
  }

  private static String header(HttpRequest request, String name) {
    return request.getHeader(name).map(HttpHeader::value).orElse(null);
  }
}
