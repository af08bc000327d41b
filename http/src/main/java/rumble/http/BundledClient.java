package rumble.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.stream.javadsl.Compression;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The client the build put into the jar ({@code web/} on the class path): Godot's web engine under
 * {@code /engine/<version>/}, the packed client at {@code /client/radius-rumble.pck} and the host
 * page at {@code /}. Everything is held in memory, gzipped; plain bytes are inflated on demand for
 * the rare browser that does not take gzip. A pack file given in the configuration replaces the
 * built one and is re-read when it changes (test packs).
 */
final class BundledClient implements ClientSource {

  static final String PACK_PATH = "/client/radius-rumble.pck";
  private static final String ENGINE = "web/engine/";
  private static final String BUILT_PACK = "web/client/radius-rumble.pck";
  private static final int INFLATE_CHUNK = 64 * 1024;

  private record Pack(long size, FileTime modified, ClientFile file) {}

  private final Map<String, ClientFile> engine;
  private final String engineVersion;
  private final Properties manifest;
  private final Path packOverride;
  /** Given to the client by the host page (CLIENT_SERVER_URLS): where to go when its server fails. */
  private final List<String> serverUrls;
  private final AtomicReference<Pack> pack = new AtomicReference<>();

  private BundledClient(Properties manifest, Map<String, ClientFile> engine, Path packOverride,
      List<String> serverUrls) {
    this.manifest = manifest;
    this.engineVersion = manifest == null ? null : manifest.getProperty("godot.version");
    this.engine = engine;
    this.packOverride = packOverride;
    this.serverUrls = serverUrls;
  }

  /**
   * Reads the engine and the built pack from the class path; {@code packOverride} may be null. The
   * host page gives the client {@code serverUrls} as further addresses to try.
   */
  static BundledClient load(Path packOverride, List<String> serverUrls) {
    return load(BundledClient::resource, packOverride, serverUrls);
  }

  /**
   * As {@link #load(Path, List)} without further addresses, with resources ({@code web/…}) from
   * {@code resources} (null when absent).
   */
  static BundledClient load(Function<String, byte[]> resources, Path packOverride) {
    return load(resources, packOverride, List.of());
  }

  private static BundledClient load(Function<String, byte[]> resources, Path packOverride, List<String> serverUrls) {
    Properties manifest = null;
    Map<String, ClientFile> engine = new HashMap<>();
    byte[] manifestBytes = resources.apply(ENGINE + "engine.properties");
    if (manifestBytes != null) {
      manifest = new Properties();
      try {
        manifest.load(new StringReader(new String(manifestBytes, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String prefix = "/engine/" + manifest.getProperty("godot.version") + "/";
      for (String name : new String[] {"index.js", "index.wasm", "index.audio.worklet.js",
          "index.audio.position.worklet.js"}) {
        byte[] gzipped = resources.apply(ENGINE + name + ".gz");
        if (gzipped == null) {
          return new BundledClient(null, Map.of(), packOverride, serverUrls); // incomplete: as good as missing
        }
        long size = Long.parseLong(manifest.getProperty(name + ".size"));
        String tag = manifest.getProperty(name + ".sha256").substring(0, 32);
        engine.put(prefix + name, preGzipped(name, size, tag, ByteString.fromArrayUnsafe(gzipped)));
      }
    }
    BundledClient client = new BundledClient(manifest, Map.copyOf(engine), packOverride, serverUrls);
    if (packOverride == null) {
      byte[] built = resources.apply(BUILT_PACK);
      if (built != null) {
        client.pack.set(new Pack(built.length, null, inMemory(BUILT_PACK, built, false)));
      }
    }
    return client;
  }

  @Override
  public Optional<ClientFile> find(String path) {
    if (path.equals("/")) {
      return Optional.of(hostPage());
    }
    if (path.equals(PACK_PATH)) {
      return Optional.ofNullable(currentPack()).map(Pack::file);
    }
    return Optional.ofNullable(engine.get(path));
  }

  private ClientFile hostPage() {
    Pack current = currentPack();
    if (engine.isEmpty()) {
      return page(HostPage.engineMissing()).withStatus(503);
    }
    if (current == null) {
      return page(HostPage.packMissing(packOverride)).withStatus(503);
    }
    String base = "/engine/" + engineVersion + "/index";
    return page(HostPage.game(base, PACK_PATH, Long.parseLong(manifest.getProperty("index.wasm.size")),
        current.size(), serverUrls));
  }

  private static ClientFile page(String html) {
    return inMemory("index.html", html.getBytes(StandardCharsets.UTF_8), false);
  }

  /** What keeps {@code /} from starting the game, or empty when the engine and a pack are there. */
  Optional<String> missing() {
    if (engine.isEmpty()) {
      return Optional.of("Godot's web engine is not in the jar (the build could not fetch it with npm)");
    }
    if (currentPack() == null) {
      return Optional.of(packOverride == null ? "the jar has no client pack (godot/ had no project.godot)"
          : "the client pack " + packOverride + " does not exist");
    }
    return Optional.empty();
  }

  private Pack currentPack() {
    if (packOverride == null) {
      return pack.get();
    }
    try {
      long size = Files.size(packOverride);
      FileTime modified = Files.getLastModifiedTime(packOverride);
      Pack known = pack.get();
      if (known != null && known.size() == size && modified.equals(known.modified())) {
        return known;
      }
      Pack fresh = new Pack(size, modified, inMemory(BUILT_PACK, Files.readAllBytes(packOverride), false));
      pack.set(fresh);
      return fresh;
    } catch (IOException missing) {
      return null;
    }
  }

  private static ClientFile preGzipped(String name, long size, String tag, ByteString gzipped) {
    return new ClientFile(ClientFile.typeOf(name), true, tag,
        () -> HttpEntities.create(ClientFile.typeOf(name), size,
            Source.single(gzipped).via(Compression.gunzip(INFLATE_CHUNK))),
        () -> HttpEntities.create(ClientFile.typeOf(name), gzipped));
  }

  /** A small file served from memory, gzipped too when that makes it smaller. */
  static ClientFile inMemory(String name, byte[] content, boolean immutable) {
    ByteString plain = ByteString.fromArrayUnsafe(content);
    byte[] gzipped = gzip(content);
    var type = ClientFile.typeOf(name);
    return new ClientFile(type, immutable, sha256(content).substring(0, 32),
        () -> HttpEntities.create(type, plain),
        gzipped.length < content.length ? () -> HttpEntities.create(type, ByteString.fromArrayUnsafe(gzipped)) : null);
  }

  private static byte[] resource(String name) {
    try (InputStream in = BundledClient.class.getClassLoader().getResourceAsStream(name)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + " from the class path", e);
    }
  }

  private static byte[] gzip(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
