package rumble.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One headless Chromium (the system's {@code /usr/bin/chromium}, or {@code CHROMIUM_PATH}) driven by
 * Playwright, with software WebGL 2 (SwiftShader), a fresh temporary profile, and what else it
 * writes (crash reports, caches, scratch folders) in a temporary folder that {@link #close()} deletes.
 */
final class Chromium implements AutoCloseable {

  static final Path DEFAULT_EXECUTABLE = Path.of("/usr/bin/chromium");
  static final List<String> ARGS = List.of("--headless=new", "--no-sandbox", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--use-angle=swiftshader",
      "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist");

  private static Playwright playwright;
  private static Path driverTemp;

  private final Path home;
  private final Browser browser;

  private Chromium(Path home, Browser browser) {
    this.home = home;
    this.browser = browser;
  }

  static Path executable() {
    String configured = System.getenv("CHROMIUM_PATH");
    return configured != null && !configured.isBlank() ? Path.of(configured) : DEFAULT_EXECUTABLE;
  }

  /**
   * The JVM's one Playwright driver. It keeps its first environment for the JVM's life, so it gets
   * its own TMPDIR, where it makes each browser's {@code --user-data-dir} profile (and deletes it
   * when the browser closes); the folder goes when the JVM exits.
   */
  private static synchronized Playwright playwright() throws IOException {
    if (playwright == null) {
      driverTemp = Files.createTempDirectory("rumble-playwright-");
      playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of(
          "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "TMPDIR", driverTemp.toString())));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          playwright.close();
        } finally {
          deleteTree(driverTemp);
        }
      }, "playwright-shutdown"));
    }
    return playwright;
  }

  /** Starts a fresh browser with a fresh profile; what else it writes goes to a new temporary folder. */
  static Chromium launch() throws IOException {
    Path executable = executable();
    if (!Files.isExecutable(executable)) {
      throw new AssertionError("No Chromium at " + executable + ": the browser tests need it"
          + " (Debian: apt-get install -y chromium; elsewhere set CHROMIUM_PATH)");
    }
    Path home = Files.createTempDirectory("rumble-chromium-");
    try {
      Map<String, String> browserEnv = new HashMap<>(System.getenv());
      browserEnv.put("XDG_CONFIG_HOME", home.resolve("config").toString()); // crash reports
      browserEnv.put("XDG_CACHE_HOME", home.resolve("cache").toString());
      browserEnv.put("TMPDIR", home.toString()); // org.chromium.Chromium.* scratch folders
      Browser browser = playwright().chromium().launch(new BrowserType.LaunchOptions()
          .setExecutablePath(executable).setIgnoreDefaultArgs(List.of("--headless")).setArgs(ARGS)
          .setEnv(browserEnv));
      return new Chromium(home, browser);
    } catch (RuntimeException | IOException e) {
      deleteTree(home);
      throw e;
    }
  }

  Browser browser() {
    return browser;
  }

  /** The temporary folder holding the profile and everything else the browser wrote. */
  Path home() {
    return home;
  }

  @Override
  public void close() {
    try {
      browser.close();
    } finally {
      deleteTree(home);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
