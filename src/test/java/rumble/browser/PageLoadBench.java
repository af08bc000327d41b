package rumble.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Browser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.godot.pack.ProjectPacker;
import rumble.http.TestServer;

/**
 * Page load time, not part of the test suite: {@code mvn -o -q test -Dtest=PageLoadBench
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.runs=7] [-Dbench.encoding=identity] [-Dbench.project=godot -Dbench.marker='\[rumble\] state=']}. Each run is a fresh
 * Chromium: navigation → engine banner → the client's first print, plus the wasm's bytes on the wire.
 */
class PageLoadBench {

  @RegisterExtension
  static final TestServer server = TestServer.create().withFile("rumble.http.client-pack", dir ->
      ProjectPacker.of(Path.of(System.getProperty("bench.project", BrowserHarnessTest.SMOKE.toString())))
          .writeTo(dir.resolve("bench.pck")));

  @Test
  void pageLoad() throws Exception {
    int runs = Integer.getInteger("bench.runs", 7);
    String marker = System.getProperty("bench.marker", "\\[smoke\\] ready");
    List<Long> banner = new ArrayList<>();
    List<Long> firstPrint = new ArrayList<>();
    List<Long> launch = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      try (Chromium chromium = Chromium.launch()) {
        launch.add((System.nanoTime() - start) / 1_000_000);
        long[] wasmBytes = {0};
        var context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1152, 648));
        String encoding = System.getProperty("bench.encoding");
        if (encoding != null) {
          context.setExtraHTTPHeaders(Map.of("Accept-Encoding", encoding));
        }
        context.onResponse(response -> {
          if (response.url().endsWith(".wasm")) {
            wasmBytes[0] = response.request().sizes().responseBodySize;
          }
        });
        GodotPage page = new GodotPage(context, "http://127.0.0.1:" + server.port() + "/");
        banner.add(page.awaitConsoleLine("Godot Engine v4").at().toMillis());
        firstPrint.add(page.awaitConsoleLine(marker).at().toMillis());
        page.assertNoErrors();
        System.out.printf("[bench] run %d: launch %d ms, banner %d ms, first client print %d ms, wasm %d bytes"
            + " on the wire%n", i + 1, launch.get(i), banner.get(i), firstPrint.get(i), wasmBytes[0]);
        page.close();
      }
    }
    System.out.printf("[bench] median of %d fresh runs: launch %d ms, banner %d ms, first client print %d ms"
        + " (min %d, max %d)%n", runs, median(launch), median(banner), median(firstPrint),
        firstPrint.stream().mapToLong(Long::longValue).min().orElse(0),
        firstPrint.stream().mapToLong(Long::longValue).max().orElse(0));
    assertEquals(runs, firstPrint.size());
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
