package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's command line, run as a real process in an empty folder: help and version print and
 * exit without starting anything or creating {@code ./data}; an unknown argument is a usage error.
 */
class CommandLineTest {

  private record Run(int exit, String out, String err) {}

  @TempDir Path workDir;

  private Run run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "rumble.http.Main"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectOutput(workDir.resolve("out.txt").toFile()).redirectError(workDir.resolve("err.txt").toFile());
    // Should it start a server after all, keep it on loopback and a free port.
    builder.environment().put("HOST", "127.0.0.1");
    builder.environment().put("PORT", "0");
    Process process = builder.start();
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    Run run = new Run(exited ? process.exitValue() : -999,
        Files.readString(workDir.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(workDir.resolve("err.txt"), StandardCharsets.UTF_8));
    assertTrue(exited, "the process exits by itself; output:\n" + run.out() + run.err());
    return run;
  }

  private void assertNoServerStarted(Run run) {
    assertFalse(Files.exists(workDir.resolve("data")), "no ./data was created");
    assertFalse(run.out().contains("listening") || run.err().contains("listening"), "no server started");
  }

  @Test
  void helpPrintsUsageAndExitsZero() throws Exception {
    Run run = run("--help");
    assertEquals(0, run.exit());
    assertTrue(run.out().startsWith("Usage: java -jar radius-rumble.jar"), run.out());
    assertNoServerStarted(run);
  }

  @Test
  void versionPrintsTheVersionAndExitsZero() throws Exception {
    Run run = run("--version");
    assertEquals(0, run.exit());
    assertTrue(run.out().startsWith("radius-rumble "), run.out());
    assertNoServerStarted(run);
  }

  @Test
  void anUnknownArgumentIsAUsageError() throws Exception {
    Run run = run("--port=9000");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("unknown argument --port=9000"), run.err());
    assertTrue(run.err().contains("Usage:"), run.err());
    assertNoServerStarted(run);
  }
}
