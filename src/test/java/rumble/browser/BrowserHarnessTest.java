package rumble.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.godot.pack.ProjectPacker;

/**
 * The harness itself, on a throwaway Godot project ({@code src/test/resources/godot-smoke}): the
 * real server serves {@code /}, Godot boots in Chromium, and every harness call works.
 */
class BrowserHarnessTest {

  static final Path SMOKE = Path.of("src/test/resources/godot-smoke");

  @RegisterExtension
  static final GodotBrowser browser = GodotBrowser.serving(ProjectPacker.of(SMOKE));

  @Test
  void theServedPageBootsGodotAndItsPrintsReachTheConsole() {
    GodotPage page = browser.open("/");
    page.awaitConsole("Godot Engine v4\\.6\\.");
    page.awaitConsole("\\[smoke\\] autoload ready");
    GodotPage.ConsoleLine ready = page.awaitConsoleLine("\\[smoke\\] ready: hello web");
    System.out.println("[browser] first client print " + ready.at().toMillis() + " ms after navigation");
    assertEquals(Boolean.TRUE, page.page().evaluate("() => crossOriginIsolated"));
  }

  @Test
  void clicksTypesPressesAndMovesAtNamedControls() {
    GodotPage page = browser.open("/");
    page.awaitState("smoke");
    GodotPage.Rect hello = page.control("Hello");
    assertEquals(new GodotPage.Rect(100, 300, 200, 60), hello);
    page.click("Hello").awaitConsole("\\[smoke\\] pressed Hello");
    page.awaitRumble("one press", rumble -> rumble.path("game").path("presses").asInt() == 1);
    page.press("F2").awaitConsole("\\[smoke\\] key F2");
    page.mouseMove(1000, 500).awaitConsole("\\[smoke\\] mouse at 1000,500");
    page.type("Name", "Bob").press("Enter").awaitConsole("\\[smoke\\] submitted Bob");
  }

  @Test
  void probesPixelsAtCanvasCoordinates() {
    GodotPage page = browser.open("/");
    page.awaitState("smoke");
    page.page().waitForTimeout(200); // a frame or two after _ready
    assertColor(0xff0000, page.pixel(32, 32));
    assertColor(0x00ff00, page.pixel(900, 150));
    assertColor(0x1a1a33, page.pixel(1000, 600)); // the clear colour (0.1, 0.1, 0.2)
  }

  @Test
  void runsATestPackWithAnotherMainSceneAndExtraFilesAndReadsItsExitCode() {
    browser.servePack(ProjectPacker.of(SMOKE).includeTests().withoutAutoloads()
        .extraFile("res://tests/extra.txt", "forty-two").mainScene("res://tests/exit_test.tscn"));
    try {
      GodotPage page = browser.open("/");
      assertEquals(7, page.awaitExit(Duration.ofSeconds(45)));
      page.awaitConsole("\\[exit-test\\] extra=forty-two");
      assertTrue(page.console().stream().noneMatch(line -> line.text().contains("autoload ready")));
      page.page().waitForTimeout(500); // anything the engine's shutdown reports still counts
    } finally {
      browser.servePack(ProjectPacker.of(SMOKE));
    }
  }

  @Test
  void aScriptErrorFailsTheWaitAtOnce() {
    browser.servePack(ProjectPacker.of(SMOKE).includeTests().withoutAutoloads()
        .extraFile("res://tests/broken.gd", "extends Node\n\nfunc _ready() -> void:\n\tundeclared_thing()\n")
        .extraFile("res://tests/broken.tscn", "[gd_scene load_steps=2 format=3]\n\n"
            + "[ext_resource type=\"Script\" path=\"res://tests/broken.gd\" id=\"1\"]\n\n"
            + "[node name=\"Broken\" type=\"Node\"]\nscript = ExtResource(\"1\")\n")
        .mainScene("res://tests/broken.tscn"));
    try {
      GodotPage page = browser.open("/");
      AssertionError error = assertThrows(AssertionError.class, () -> page.awaitConsole("never printed"));
      assertTrue(error.getMessage().contains("SCRIPT ERROR"), error.getMessage());
      page.allowErrors(".*");
    } finally {
      browser.servePack(ProjectPacker.of(SMOKE));
    }
  }

  @Test
  void withoutWebGl2ThePageSaysSoInPlainWords() {
    GodotPage page = browser.open("/", "const real = HTMLCanvasElement.prototype.getContext;"
        + " HTMLCanvasElement.prototype.getContext = function (type, ...rest) {"
        + " return type === 'webgl2' ? null : real.call(this, type, ...rest); };");
    page.awaitConsole("\\[host\\] WebGL 2 is not available");
    String status = page.page().textContent("#status");
    assertTrue(status.contains("needs WebGL 2"), status);
    assertTrue(page.console().stream().noneMatch(line -> line.text().contains("Godot Engine")));
  }

  private static void assertColor(int expected, int actual) {
    assertTrue(GodotPage.sameColor(expected, actual, 8),
        String.format("expected #%06x, got #%06x", expected, actual));
  }
}
