package rumble.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * A browser tab running the Godot client, as a test sees it: its console lines, the client's
 * {@code window.rumble} (state, control rectangles, game stats), and real mouse and keyboard input
 * aimed at named controls or canvas coordinates. Waits fail at once when the engine reports an
 * error ({@code SCRIPT ERROR}, {@code ERROR:}, an uncaught page exception), unless
 * {@link #allowErrors allowed}.
 */
public final class GodotPage {

  /** How long a wait lasts unless a test says otherwise: Godot boots in ~3 s on a busy 2-core box. */
  public static final Duration PATIENCE = Duration.ofSeconds(45);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EXIT = Pattern.compile("\\[host\\] engine exited code=(-?\\d+)");
  private static final Duration POLL = Duration.ofMillis(50);

  /** One console line: its type ({@code log}, {@code error}, {@code warning}, {@code pageerror}) and text. */
  public record ConsoleLine(Duration at, String type, String text) {

    @Override
    public String toString() {
      return String.format("%6d ms %-8s %s", at.toMillis(), type, text);
    }
  }

  /** A control's rectangle in canvas pixels, as the client publishes it. */
  public record Rect(double x, double y, double width, double height) {

    public double centerX() {
      return x + width / 2;
    }

    public double centerY() {
      return y + height / 2;
    }
  }

  private final BrowserContext context;
  private final Page page;
  private final long openedNanos;
  private final List<ConsoleLine> console = new ArrayList<>();
  private final List<Pattern> allowedErrors = new ArrayList<>();

  GodotPage(BrowserContext context, String url) {
    this(context, url, null);
  }

  /** Opens {@code url}; {@code initScript} (if not null) runs in the page before any of its own. */
  GodotPage(BrowserContext context, String url, String initScript) {
    this.context = context;
    if (initScript != null) {
      context.addInitScript(initScript);
    }
    this.page = context.newPage();
    this.openedNanos = System.nanoTime();
    page.onConsoleMessage(message -> record(message.type(), message.text()));
    page.onPageError(error -> record("pageerror", error));
    page.navigate(url);
  }

  private synchronized void record(String type, String text) {
    console.add(new ConsoleLine(Duration.ofNanos(System.nanoTime() - openedNanos), type, text));
  }

  // --- console ---

  /** Every console line so far. */
  public synchronized List<ConsoleLine> console() {
    return List.copyOf(console);
  }

  /** Waits for a console line matching {@code regex} (found anywhere in the line); returns its match. */
  public Matcher awaitConsole(String regex) {
    return awaitConsole(regex, PATIENCE);
  }

  public Matcher awaitConsole(String regex, Duration timeout) {
    Pattern pattern = Pattern.compile(regex);
    ConsoleLine line = await(() -> "a console line matching /" + regex + "/", timeout,
        () -> console().stream().filter(l -> pattern.matcher(l.text()).find()).findFirst());
    Matcher matcher = pattern.matcher(line.text());
    matcher.find();
    return matcher;
  }

  /** The console line matching {@code regex}, with the time since the page was opened. */
  public ConsoleLine awaitConsoleLine(String regex) {
    awaitConsole(regex);
    Pattern pattern = Pattern.compile(regex);
    return console().stream().filter(l -> pattern.matcher(l.text()).find()).findFirst().orElseThrow();
  }

  /** Waits for the engine to exit ({@code get_tree().quit(code)}) and returns the code. */
  public int awaitExit(Duration timeout) {
    return Integer.parseInt(awaitConsole(EXIT.pattern(), timeout).group(1));
  }

  /** Error lines matching {@code regex} no longer fail the test (a test that provokes them). */
  public synchronized GodotPage allowErrors(String regex) {
    allowedErrors.add(Pattern.compile(regex));
    return this;
  }

  /** The error lines that fail the test: engine errors and page exceptions, unless allowed. */
  public synchronized List<ConsoleLine> errors() {
    return console.stream().filter(GodotPage::isError)
        .filter(line -> allowedErrors.stream().noneMatch(p -> p.matcher(line.text()).find())).toList();
  }

  static boolean isError(ConsoleLine line) {
    String text = line.text();
    return line.type().equals("pageerror") || text.contains("SCRIPT ERROR") || text.contains("ERROR:")
        || text.startsWith("Aborted(") || text.startsWith("[host] engine failed");
  }

  /** Fails if an error line appeared. */
  public void assertNoErrors() {
    List<ConsoleLine> errors = errors();
    if (!errors.isEmpty()) {
      throw new AssertionError("The page reported errors:\n" + join(errors) + "\nFull console:\n" + join(console()));
    }
  }

  // --- window.rumble ---

  /** {@code window.rumble} as JSON ({@code null} node before the client publishes it). */
  public JsonNode rumble() {
    try {
      return JSON.readTree((String) page.evaluate("() => JSON.stringify(window.rumble ?? null)"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code window.rumble.state}, or "" before the client publishes one. */
  public String state() {
    return rumble().path("state").asText("");
  }

  /** Waits until {@code window.rumble.state} is {@code state}. */
  public void awaitState(String state) {
    await(() -> "window.rumble.state == \"" + state + "\" (it is \"" + state() + "\")", PATIENCE,
        () -> Optional.of(state()).filter(state::equals));
  }

  /** {@code window.rumble.game} (empty node when absent). */
  public JsonNode game() {
    return rumble().path("game");
  }

  /** Waits until {@code window.rumble} satisfies {@code condition}; returns it. */
  public JsonNode awaitRumble(String what, Predicate<JsonNode> condition) {
    return await(() -> what + " (window.rumble is " + rumble() + ")", PATIENCE,
        () -> Optional.of(rumble()).filter(condition));
  }

  /** Waits until the client publishes the control {@code name} ({@code window.rumble.ui[name]}). */
  public Rect control(String name) {
    JsonNode rect = awaitRumble("a control named " + name + " in window.rumble.ui",
        r -> r.path("ui").path(name).size() == 4).path("ui").path(name);
    return new Rect(rect.get(0).asDouble(), rect.get(1).asDouble(), rect.get(2).asDouble(), rect.get(3).asDouble());
  }

  // --- input: real mouse and keyboard events ---

  /** Clicks the middle of the control {@code name}. */
  public GodotPage click(String name) {
    Rect rect = control(name);
    return clickAt(rect.centerX(), rect.centerY());
  }

  /** Clicks the control {@code name}, then types {@code text} (key by key). */
  public GodotPage type(String name, String text) {
    click(name);
    return typeHere(text);
  }

  /**
   * Types {@code text} into whatever has the focus, then lets two frames pass: the web engine takes
   * keys once per frame but a click at once, so a click right after typing could overtake the last
   * keys and they would land in the next field.
   */
  public GodotPage typeHere(String text) {
    page.keyboard().type(text, new com.microsoft.playwright.Keyboard.TypeOptions().setDelay(20));
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
    return this;
  }

  /** Presses a key: {@code "Enter"}, {@code "Escape"}, {@code "ArrowLeft"}, {@code "Control+A"}, {@code "a"}, … */
  public GodotPage press(String key) {
    page.keyboard().press(key);
    return this;
  }

  /** Clicks at canvas coordinates. */
  public GodotPage clickAt(double canvasX, double canvasY) {
    double[] at = toPage(canvasX, canvasY);
    page.mouse().move(at[0], at[1]);
    page.mouse().click(at[0], at[1]);
    return this;
  }

  /** Moves the mouse to canvas coordinates (in a few steps, as a hand would). */
  public GodotPage mouseMove(double canvasX, double canvasY) {
    double[] at = toPage(canvasX, canvasY);
    page.mouse().move(at[0], at[1], new com.microsoft.playwright.Mouse.MoveOptions().setSteps(4));
    return this;
  }

  /** The colour (0xRRGGBB) of the canvas pixel at canvas coordinates, from a screenshot. */
  public int pixel(int canvasX, int canvasY) {
    double[] at = toPage(canvasX + 0.5, canvasY + 0.5);
    byte[] png = page.screenshot(new Page.ScreenshotOptions().setClip(Math.floor(at[0]), Math.floor(at[1]), 1, 1));
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      return image.getRGB(0, 0) & 0xffffff;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether two colours differ by at most {@code tolerance} in each channel. */
  public static boolean sameColor(int expected, int actual, int tolerance) {
    for (int shift = 0; shift <= 16; shift += 8) {
      if (Math.abs(((expected >> shift) & 0xff) - ((actual >> shift) & 0xff)) > tolerance) {
        return false;
      }
    }
    return true;
  }

  /** Canvas pixels → page (CSS) pixels: the canvas's offset and its pixel ratio. */
  private double[] toPage(double canvasX, double canvasY) {
    @SuppressWarnings("unchecked")
    List<Number> box = (List<Number>) page.evaluate("() => { const c = document.getElementById('canvas');"
        + " const r = c.getBoundingClientRect(); return [r.left, r.top, r.width / (c.width || r.width),"
        + " r.height / (c.height || r.height)]; }");
    return new double[] {box.get(0).doubleValue() + canvasX * box.get(2).doubleValue(),
        box.get(1).doubleValue() + canvasY * box.get(3).doubleValue()};
  }

  // --- the rest ---

  /** The Playwright page, for anything this class does not cover. */
  public Page page() {
    return page;
  }

  /** Saves a screenshot of the whole page. */
  public void screenshot(Path file) {
    page.screenshot(new Page.ScreenshotOptions().setPath(file));
  }

  /** Writes a screenshot ({@code name.png}) and the console ({@code name.log}) into {@code dir}. */
  void saveEvidence(Path dir, String name) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name + ".log"), join(console()) + "\n");
      screenshot(dir.resolve(name + ".png"));
    } catch (IOException | RuntimeException e) {
      System.err.println("[browser] could not save " + name + ": " + e);
    }
  }

  void close() {
    context.close();
  }

  private <T> T await(Supplier<String> what, Duration timeout, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      assertNoErrors();
      Optional<T> found = probe.get();
      if (found.isPresent()) {
        return found.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Waited " + timeout.toSeconds() + " s for " + what.get()
            + "\nConsole:\n" + join(console()));
      }
      page.waitForTimeout(POLL.toMillis()); // lets Playwright deliver console events meanwhile
    }
  }

  private static String join(List<ConsoleLine> lines) {
    StringBuilder text = new StringBuilder();
    for (ConsoleLine line : lines) {
      text.append(line).append('\n');
    }
    return text.toString().stripTrailing();
  }
}
