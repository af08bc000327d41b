package rumble.browser;

import com.microsoft.playwright.Browser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import rumble.godot.pack.ProjectPacker;
import rumble.http.GameServer;
import rumble.http.TestServer;

/**
 * The browser test harness, a JUnit 5 extension: per test class one real game server (a
 * {@link TestServer}: a free loopback port, its own database) serving a Godot pack at {@code /}, and
 * one headless Chromium.
 * Each {@link #open} is a fresh browser context (no shared storage) on a 1152×648 window. After
 * each test its pages are closed; a test fails if one reported an engine error, and a failing test
 * leaves a screenshot and the console of each of its pages in {@code target/browser-failures/}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final GodotBrowser browser = GodotBrowser.client(); // or serving(ProjectPacker.of(...)...)
 *
 * @Test
 * void guestPlays() {
 *   GodotPage page = browser.open("/?name=Bob");
 *   page.awaitState("in_game");
 * }
 * }</pre>
 */
public final class GodotBrowser implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

  /** Where failing tests leave their evidence. */
  public static final Path FAILURES = Path.of("target", "browser-failures");
  /** The browser window: the client's design size, so canvas pixels are viewport pixels. */
  public static final int WIDTH = 1152;
  public static final int HEIGHT = 648;

  private ProjectPacker packer;
  private Path pack;
  private final TestServer server = TestServer.create()
      .withFile("rumble.http.client-pack", dir -> pack = packer.writeTo(dir.resolve("client.pck")));
  private Chromium chromium;
  private final List<GodotPage> pages = new ArrayList<>();

  private GodotBrowser(ProjectPacker packer) {
    this.packer = packer;
  }

  /** Serves the real client, packed from {@code godot/} as the build packs it. */
  public static GodotBrowser client() {
    return new GodotBrowser(ProjectPacker.of(Path.of("godot")));
  }

  /** Serves a test pack: {@code ProjectPacker.of(dir).includeTests().mainScene("res://tests/x.tscn")}. */
  public static GodotBrowser serving(ProjectPacker packer) {
    return new GodotBrowser(packer);
  }

  /** Server settings on top of the test configuration ({@code "rumble.game.room.capacity", 5}). */
  public GodotBrowser withConfig(String key, Object value) {
    server.withConfig(key, value);
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    server.beforeAll(context);
    chromium = Chromium.launch();
  }

  /** Opens {@code pathAndQuery} ({@code "/"}, {@code "/?name=Bob"}) of the server in a fresh context. */
  public GodotPage open(String pathAndQuery) {
    return open(pathAndQuery, null);
  }

  /** As {@link #open(String)}, running {@code initScript} in the page before its own scripts. */
  public GodotPage open(String pathAndQuery, String initScript) {
    Browser browser = chromium.browser();
    GodotPage page = new GodotPage(browser.newContext(new Browser.NewContextOptions()
        .setViewportSize(WIDTH, HEIGHT).setDeviceScaleFactor(1)), url(pathAndQuery), initScript);
    pages.add(page);
    return page;
  }

  /** Serves another pack from now on (pages opened afterwards load it); the server keeps running. */
  public void servePack(ProjectPacker newPacker) {
    this.packer = newPacker;
    newPacker.writeTo(pack);
  }

  public String url(String pathAndQuery) {
    return "http://127.0.0.1:" + server.port() + pathAndQuery;
  }

  /** The game server the pages talk to (its port, metrics, actor system). */
  public GameServer server() {
    return server.server();
  }

  /** The same server as the other integration tests see it: metrics, database, accounts. */
  public TestServer testServer() {
    return server;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    boolean failed = context.getExecutionException().isPresent();
    List<String> errors = new ArrayList<>();
    String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
    for (int i = 0; i < pages.size(); i++) {
      GodotPage page = pages.get(i);
      List<GodotPage.ConsoleLine> pageErrors = page.errors();
      if (failed || !pageErrors.isEmpty()) {
        page.saveEvidence(FAILURES, pages.size() == 1 ? name : name + "-page" + (i + 1));
      }
      pageErrors.forEach(line -> errors.add(line.toString()));
      page.close();
    }
    pages.clear();
    if (!failed && !errors.isEmpty()) {
      throw new AssertionError("The client reported errors (evidence in " + FAILURES + "/" + name + ".*):\n"
          + String.join("\n", errors));
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (chromium != null) {
        chromium.close();
      }
    } finally {
      server.afterAll(context);
    }
  }
}
