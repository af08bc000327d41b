package rumble.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The simulation is plain Java: no actor, wire, HTTP or storage code may leak into it. */
class SimIsolationTest {
  private static final Path SOURCES = Path.of("actors/src/main/java/rumble/sim");
  private static final List<String> FORBIDDEN = List.of(
      "org.apache.pekko", "com.google.protobuf", "rumble.protocol", "rumble.actors", "rumble.http",
      "rumble.persistence");

  @Test
  void simImportsOnlyTheJdk() throws IOException {
    assertTrue(Files.isDirectory(SOURCES), "run from the project root");
    List<String> offences = new ArrayList<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
        for (String line : Files.readAllLines(file)) {
          String code = line.strip();
          boolean forbidden = FORBIDDEN.stream().anyMatch(code::contains);
          boolean foreignImport = code.startsWith("import ") && !code.matches("import (static )?java\\..*");
          if (forbidden || foreignImport) {
            offences.add(file.getFileName() + ": " + code);
          }
        }
      }
    }
    assertTrue(offences.isEmpty(), "forbidden dependencies: " + offences);
  }
}
