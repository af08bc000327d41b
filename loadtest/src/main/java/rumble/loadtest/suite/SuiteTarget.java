package rumble.loadtest.suite;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;
import rumble.loadtest.Loopback;
import rumble.loadtest.MetricsText;

/**
 * The server a suite attacks and where its output goes: options every suite shares (a picocli
 * mixin), plus blocking helpers to read the server's metrics and ask its JVM for a full GC. Suites
 * only ever aim at this machine: there is no option to point them elsewhere.
 */
public final class SuiteTarget {

  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

  @Option(names = "--url", paramLabel = "URL", defaultValue = "ws://127.0.0.1:8080/ws",
      description = "The game WebSocket on this machine (default: ${DEFAULT-VALUE}); /metrics and /health are"
          + " read from the same host and port.")
  URI url;

  @Option(names = "--server-pid", paramLabel = "PID",
      description = "PID of the server JVM on this machine: lets the suite run 'jcmd PID GC.run' before reading"
          + " the heap, so heap figures are live data.")
  Long serverPid;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
  Path json;

  @Option(names = {"-q", "--quiet"}, description = "No progress lines.")
  boolean quiet;

  private PrintWriter progress;
  private HttpClient http;

  void open(PrintWriter progress) {
    Loopback.require(url, "--url", "; the suites attack only servers on this machine");
    this.progress = progress;
    this.http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
  }

  /** The game WebSocket, e.g. ws://127.0.0.1:8080/ws. */
  public URI webSocket() {
    return url;
  }

  public String host() {
    return url.getHost();
  }

  public int port() {
    return url.getPort() > 0 ? url.getPort() : url.getScheme().equals("wss") ? 443 : 80;
  }

  /** An HTTP URI on the server, e.g. {@code http("/metrics")}. */
  public URI http(String path) {
    String scheme = url.getScheme().equals("wss") ? "https" : "http";
    return URI.create(scheme + "://" + url.getHost() + ":" + port() + path);
  }

  /** Prints a progress line to stderr unless --quiet. */
  public void progress(String format, Object... args) {
    if (!quiet && progress != null) {
      progress.printf(format + "%n", args);
      progress.flush();
    }
  }

  /** GETs a path; returns the status and body. Throws when the server does not answer in 10 s. */
  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(http(path)).timeout(HTTP_TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The server's /metrics, parsed. */
  public MetricsText metrics() throws IOException, InterruptedException {
    HttpResponse<String> response = get("/metrics");
    if (response.statusCode() != 200) {
      throw new IOException("/metrics answered " + response.statusCode());
    }
    return MetricsText.parse(response.body());
  }

  /** A metric summed over its series (0 when absent), e.g. {@code counter("rumble_connections_opened_total")}. */
  public double counter(String name, String... labels) throws IOException, InterruptedException {
    Double value = metrics().sum(name, labels);
    return value == null ? 0 : value;
  }

  public boolean canGarbageCollect() {
    return serverPid != null;
  }

  /** Runs a full GC in the server JVM (needs --server-pid and jcmd); returns false when it could not. */
  public boolean fullGc() throws InterruptedException {
    if (serverPid == null) {
      return false;
    }
    try {
      Process process = new ProcessBuilder("jcmd", Long.toString(serverPid), "GC.run")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        progress("warning: jcmd %d GC.run timed out", serverPid);
        return false;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      progress("warning: cannot run jcmd: %s", e.getMessage());
      return false;
    }
  }

  /** Heap in use after a full GC, in bytes (the GC only when --server-pid is given). */
  public double heapAfterGc() throws IOException, InterruptedException {
    fullGc();
    Double used = metrics().sum("jvm_memory_used_bytes", "area", "heap");
    if (used == null) {
      throw new IOException("/metrics has no jvm_memory_used_bytes{area=\"heap\"}");
    }
    return used;
  }
}
