package rumble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the direction of dependencies: {@code http → actors → (protocol, persistence)}, with no
 * Pekko in {@code persistence/}, neither Pekko nor protobuf in the simulation ({@code rumble.sim}), a
 * load tester ({@code loadtest/}) that knows only the protocol, and each database driver's API in one
 * class of {@code persistence/}. Inside {@code actors/}, the actor packages form no import cycle and a
 * room knows nothing of sessions.
 */
class ArchitectureTest {

  private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);

  private record Source(Path file, String packageName, List<String> imports) {}

  @Test
  void eachSourceRootHoldsItsOwnPackages() {
    assertPackages("actors", "rumble.actors", "rumble.sim");
    assertPackages("http", "rumble.http");
    assertPackages("persistence", "rumble.persistence");
    assertPackages("loadtest", "rumble.loadtest");
    assertPackages("godot/tools", "rumble.godot");
  }

  @Test
  void godotBuildToolsStandAlone() {
    // They run inside the Maven build: plain JDK, nothing of the server.
    assertNoImports(sources("godot/tools"), "org.apache.pekko", "rumble.actors", "rumble.sim", "rumble.http",
        "rumble.persistence", "rumble.loadtest");
  }

  @Test
  void persistenceKnowsNoPekkoNorAnythingAboveIt() {
    assertNoImports(sources("persistence"), "org.apache.pekko", "rumble.actors", "rumble.sim", "rumble.http",
        "rumble.protocol", "com.google.protobuf");
  }

  @Test
  void databaseDriversAreUsedOnlyWhereTheirDialectIsKept() {
    // One set of repositories and SQL for SQLite and PostgreSQL: a driver's own API stays in the one
    // class that opens its connections (the rest of the differences are in persistence's Dialect).
    Map<String, String> onlyIn = Map.of(
        "org.sqlite", "SqliteConnector.java",
        "com.zaxxer.hikari", "PostgresPool.java",
        "org.postgresql", "(none: plain JDBC does)");
    List<String> violations = new ArrayList<>();
    for (String root : List.of("actors", "http", "persistence", "loadtest", "godot/tools")) {
      for (Source source : sources(root)) {
        for (String imported : source.imports()) {
          onlyIn.forEach((driver, file) -> {
            if (imported.startsWith(driver + ".") && !source.file().getFileName().toString().equals(file)) {
              violations.add(source.file() + " imports " + imported + "; only " + file + " may");
            }
          });
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void actorsNeverReachUpIntoHttp() {
    assertNoImports(sources("actors"), "rumble.http", "org.apache.pekko.http");
  }

  /**
   * A room defines what it sends ({@code Room.Event}) and knows players only by the ref they joined
   * with, so it can become a cluster-sharded entity without knowing what a session is.
   */
  @Test
  void roomsKnowNothingOfSessions() {
    List<Source> rooms = sources("actors").stream()
        .filter(s -> s.packageName().equals("rumble.actors.room")).toList();
    assertFalse(rooms.isEmpty());
    assertNoImports(rooms, "rumble.actors.session");
  }

  /**
   * The actor packages ({@code rumble.actors.room}, {@code .session}, {@code .account}, ...) depend on
   * each other one way only: a cycle means two actors build each other's messages. The root package
   * is left out: it holds the wiring ({@code Guardian}), which knows everyone, and the
   * {@code CborSerializable} marker, the only thing the others may take from it.
   */
  @Test
  void actorPackagesImportEachOtherWithoutCycles() {
    Map<String, Set<String>> uses = new TreeMap<>();
    List<String> rootImports = new ArrayList<>();
    for (Source source : sources("actors")) {
      String from = actorPackage(source.packageName());
      if (from == null || from.equals(ACTORS)) {
        continue;
      }
      for (String imported : source.imports()) {
        String to = actorPackage(packageOf(imported));
        if (ACTORS.equals(to) && !imported.equals(ACTORS + ".CborSerializable")) {
          rootImports.add(source.file() + " imports " + imported);
        } else if (to != null && !to.equals(ACTORS) && !to.equals(from)) {
          uses.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
        }
      }
    }
    assertEquals(List.of(), rootImports);
    List<String> cycles = new ArrayList<>();
    for (String start : uses.keySet()) {
      List<String> path = pathBack(start, start, uses, new HashSet<>());
      if (path != null) {
        cycles.add(start + " -> " + String.join(" -> ", path));
      }
    }
    assertEquals(List.of(), cycles);
  }

  private static final String ACTORS = "rumble.actors";

  /** {@code rumble.actors.X} for anything in or below it, {@code rumble.actors} for the root, else null. */
  private static String actorPackage(String packageName) {
    if (packageName.equals(ACTORS)) {
      return ACTORS;
    }
    if (!packageName.startsWith(ACTORS + ".")) {
      return null;
    }
    String rest = packageName.substring(ACTORS.length() + 1);
    int dot = rest.indexOf('.');
    return ACTORS + "." + (dot < 0 ? rest : rest.substring(0, dot));
  }

  /** The package of an imported name: its segments up to the first that starts with a capital (a class). */
  private static String packageOf(String imported) {
    List<String> segments = new ArrayList<>();
    for (String segment : imported.split("\\.")) {
      if (!segment.isEmpty() && Character.isUpperCase(segment.charAt(0))) {
        break;
      }
      segments.add(segment);
    }
    return String.join(".", segments);
  }

  /** A path of uses from {@code from} back to {@code target}, or null when there is none. */
  private static List<String> pathBack(String target, String from, Map<String, Set<String>> uses, Set<String> seen) {
    for (String next : uses.getOrDefault(from, Set.of())) {
      if (next.equals(target)) {
        return new ArrayList<>(List.of(next));
      }
      if (seen.add(next)) {
        List<String> rest = pathBack(target, next, uses, seen);
        if (rest != null) {
          rest.add(0, next);
          return rest;
        }
      }
    }
    return null;
  }

  /**
   * pekko-http's internal frame API (used because its message API cost a quarter of the CPU at 400
   * players) may change in any release: it stays inside the socket package, behind its own classes.
   */
  @Test
  void onlyTheSocketPackageUsesPekkoHttpInternals() {
    List<Source> outsideSocket = sources("http").stream()
        .filter(s -> !s.packageName().equals("rumble.http.socket")).toList();
    assertNoImports(outsideSocket, "org.apache.pekko.http.impl");
    assertNoImports(sources("actors"), "org.apache.pekko.http.impl");
  }

  @Test
  void simulationKnowsNeitherPekkoNorProtobuf() {
    List<Source> simulation = sources("actors").stream()
        .filter(s -> s.packageName().startsWith("rumble.sim")).toList();
    assertNoImports(simulation, "org.apache.pekko", "com.google.protobuf", "rumble.protocol", "rumble.actors",
        "rumble.http", "rumble.persistence", "io.micrometer", "org.slf4j");
  }

  @Test
  void loadTesterSpeaksOnlyTheProtocol() {
    // A load tester is a client: it may know the wire protocol, never the server's insides.
    assertNoImports(sources("loadtest"), "rumble.actors", "rumble.sim", "rumble.persistence", "rumble.http");
  }

  @Test
  void theGuardSeesTheCode() {
    // A guard that scans nothing proves nothing: make sure each root really has sources.
    assertFalse(sources("actors").isEmpty());
    assertFalse(sources("http").isEmpty());
    assertFalse(sources("persistence").isEmpty());
    assertFalse(sources("loadtest").isEmpty());
    assertFalse(sources("godot/tools").isEmpty());
  }

  private static void assertPackages(String root, String... allowedPrefixes) {
    List<String> strays = new ArrayList<>();
    for (Source source : sources(root)) {
      if (Stream.of(allowedPrefixes).noneMatch(p -> source.packageName().startsWith(p))) {
        strays.add(source.file() + " is in package " + source.packageName());
      }
    }
    assertEquals(List.of(), strays);
  }

  private static void assertNoImports(List<Source> sources, String... forbiddenPrefixes) {
    List<String> violations = new ArrayList<>();
    for (Source source : sources) {
      for (String imported : source.imports()) {
        for (String forbidden : forbiddenPrefixes) {
          if (imported.equals(forbidden) || imported.startsWith(forbidden + ".")) {
            violations.add(source.file() + " imports " + imported);
          }
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  private static List<Source> sources(String root) {
    try (Stream<Path> files = Files.walk(Path.of(root, "src", "main", "java"))) {
      return files.filter(f -> f.toString().endsWith(".java")).map(ArchitectureTest::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Source read(Path file) {
    try {
      String text = Files.readString(file);
      Matcher pkg = PACKAGE.matcher(text);
      String packageName = pkg.find() ? pkg.group(1) : "";
      List<String> imports = new ArrayList<>();
      Matcher imp = IMPORT.matcher(text);
      while (imp.find()) {
        imports.add(imp.group(1));
      }
      // Fully qualified names used without an import count too.
      Matcher qualified = Pattern.compile("\\b(org\\.apache\\.pekko|com\\.google\\.protobuf|rumble\\.\\w+)\\.[\\w.]+")
          .matcher(text.replaceAll("(?m)^(package|import) .*$", ""));
      while (qualified.find()) {
        imports.add(qualified.group());
      }
      return new Source(file, packageName, imports);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
