package rumble.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.stream.javadsl.Compression;
import org.apache.pekko.stream.javadsl.FileIO;

/**
 * A folder served as the client ({@code CLIENT_PATH}), e.g. a regular Godot HTML5 export: {@code /}
 * is its {@code index.html}. Files are read from disk on every request; a file with a {@code .gz}
 * twin is served from the twin to browsers that take gzip, other compressible files are gzipped on
 * the fly. Nothing outside the folder and no dotfile is ever served.
 */
final class ClientDirectory implements ClientSource {

  private final Path root;

  ClientDirectory(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public Optional<ClientFile> find(String path) {
    String relative = path.equals("/") ? "index.html" : path.substring(1);
    if (relative.isEmpty() || relative.contains("\0")) {
      return Optional.empty();
    }
    Path file = root.resolve(relative).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file) || hidden(root.relativize(file))) {
      return Optional.empty();
    }
    try {
      return Optional.of(serve(file));
    } catch (IOException vanished) {
      return Optional.empty();
    }
  }

  private ClientFile serve(Path file) throws IOException {
    String name = file.getFileName().toString();
    var type = ClientFile.typeOf(name);
    String tag = Long.toHexString(Files.size(file)) + "-" + Long.toHexString(Files.getLastModifiedTime(file).toMillis());
    Path twin = file.resolveSibling(name + ".gz");
    ClientFile plain = new ClientFile(type, false, tag, () -> HttpEntities.create(type, file), null);
    if (Files.isRegularFile(twin)) {
      return new ClientFile(type, false, tag, plain.identity(), () -> HttpEntities.create(type, twin));
    }
    if (ClientFile.compressible(name)) {
      return new ClientFile(type, false, tag, plain.identity(),
          () -> HttpEntities.createChunked(type, FileIO.fromPath(file).via(Compression.gzip())));
    }
    return plain;
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
