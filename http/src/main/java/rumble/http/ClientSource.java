package rumble.http;

import java.util.Optional;

/** Where the browser client's files come from: the jar's build output, or a folder (CLIENT_PATH). */
interface ClientSource {

  /** The file at a URL path ({@code "/"}, {@code "/engine/4.6.0/index.wasm"}, …), if there is one. */
  Optional<ClientFile> find(String path);
}
