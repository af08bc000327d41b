package rumble.http;

import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.ResponseEntity;

/**
 * One file of the browser client as {@link ClientRoutes} serves it: its type, how long browsers may
 * keep it, its entity tag, and its bytes plain and, when there is a compressed form, gzipped.
 *
 * @param immutable the URL names a version (the engine): browsers keep it a year without asking
 * @param tag the entity tag of the content (without quotes); the gzipped form's is {@code tag-gz}
 * @param gzip the gzipped entity, or null when the file is served plain only
 * @param status 200, or 503 for the page that says the client is missing
 */
record ClientFile(ContentType type, boolean immutable, String tag, Supplier<ResponseEntity> identity,
    Supplier<ResponseEntity> gzip, int status) {

  ClientFile(ContentType type, boolean immutable, String tag, Supplier<ResponseEntity> identity,
      Supplier<ResponseEntity> gzip) {
    this(type, immutable, tag, identity, gzip, 200);
  }

  ClientFile withStatus(int newStatus) {
    return new ClientFile(type, immutable, tag, identity, gzip, newStatus);
  }

  static final ContentType HTML = ContentTypes.TEXT_HTML_UTF8;
  static final ContentType JAVASCRIPT = ContentTypes.create(MediaTypes.text("javascript", "js"), HttpCharsets.UTF_8);
  static final ContentType WASM = ContentTypes.create(MediaTypes.applicationBinary("wasm", true, "wasm"));
  static final ContentType BINARY = ContentTypes.APPLICATION_OCTET_STREAM;

  /** The content type for a file name, by its extension. */
  static ContentType typeOf(String name) {
    String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
    return switch (extension) {
      case "html", "htm" -> HTML;
      case "js", "mjs" -> JAVASCRIPT;
      case "wasm" -> WASM;
      case "json" -> ContentTypes.APPLICATION_JSON;
      case "css" -> ContentTypes.create(MediaTypes.TEXT_CSS, HttpCharsets.UTF_8);
      case "svg" -> ContentTypes.create(MediaTypes.IMAGE_SVG_XML);
      case "png" -> ContentTypes.create(MediaTypes.IMAGE_PNG);
      case "ico" -> ContentTypes.create(MediaTypes.IMAGE_X_ICON);
      case "txt" -> ContentTypes.TEXT_PLAIN_UTF8;
      default -> BINARY;
    };
  }

  /** Worth gzipping on the fly: text, wasm and packs; images are compressed already. */
  static boolean compressible(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    return lower.matches(".*\\.(html?|m?js|wasm|pck|json|css|svg|txt)$");
  }
}
