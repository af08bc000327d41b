package rumble.loadtest.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One server JVM a self-hosted suite started: a direct child {@code java} process on a loopback
 * port, its data in {@code dataDir}, its output in {@code log}. {@link #kill()} is SIGKILL and
 * {@link #terminate()} SIGTERM, both sent to the server JVM itself (its own children first, should
 * it have any). Closing it kills whatever is still running, so no suite leaves a server behind.
 */
public final class ServerProcess implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(50);

  private final Process process;
  private final int port;
  private final Path log;
  private final long startedNanos = System.nanoTime();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts {@code command} with HOST=127.0.0.1, PORT and DATA_PATH set, as a one-node cluster on any
   * free remoting port (so it never clashes with another server on the machine); output goes to
   * {@code log}.
   */
  public static ServerProcess start(List<String> command, Path dataDir, Path log) throws IOException {
    int port = ServerLaunch.freePort();
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("HOST", "127.0.0.1");
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().put("DATA_PATH", dataDir.toString());
    builder.environment().put("CLUSTER_HOST", "127.0.0.1");
    builder.environment().put("CLUSTER_PORT", "0");
    builder.environment().put("CLUSTER_SEED_NODES", "");
    return new ServerProcess(builder.start(), port, log);
  }

  public long pid() {
    return process.pid();
  }

  public int port() {
    return port;
  }

  public URI webSocket() {
    return URI.create("ws://127.0.0.1:" + port + "/ws");
  }

  public Path log() {
    return log;
  }

  /**
   * Waits until /health/ready answers 200; returns the time since the process started. Throws when
   * the process exits first or {@code timeout} passes (with the log's tail, to show why).
   */
  public Duration awaitReady(Duration timeout) throws IOException, InterruptedException {
    long deadline = startedNanos + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the server exited with " + process.exitValue() + " while starting:\n" + tail());
      }
      if (readyStatus() == 200) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
      }
      Thread.sleep(POLL.toMillis());
    }
    throw new IOException("the server was not ready within " + timeout + ":\n" + tail());
  }

  /** GET /health/ready: the status, or -1 when the server did not answer within 2 s. */
  public int readyStatus() throws InterruptedException {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
          .timeout(Duration.ofSeconds(2)).GET().build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  /** SIGKILL: the JVM gets no chance to flush, close or say goodbye. */
  public void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** SIGTERM: the JVM runs its shutdown (CoordinatedShutdown) and exits by itself. */
  public void terminate() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
  }

  /** The exit code once the process has ended, or empty if it still runs after {@code timeout}. */
  public OptionalInt awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
        ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Lines the server logged at ERROR level (logback's pattern puts the level after the time). */
  public List<String> errorLines() throws IOException {
    return Files.readAllLines(log).stream().filter(line -> line.matches("^[0-9:.]+ ERROR .*")).toList();
  }

  private String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
