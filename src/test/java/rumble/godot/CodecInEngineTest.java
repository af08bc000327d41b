package rumble.godot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.browser.GodotBrowser;
import rumble.browser.GodotPage;
import rumble.godot.pack.ProjectPacker;

/**
 * The generated codec in the real engine: Godot's web build in headless Chromium runs
 * {@code godot/tests/codec_test.tscn} on the golden vectors (protobuf-java edge cases, hand-made
 * encodings, fuzz, and traffic captured from a real room). Every vector must decode, re-encode to
 * protobuf-java's bytes and show the values protobuf-java read; malformed ones must decode to null.
 * Prints the measured decode time per world delta and per keyframe.
 */
class CodecInEngineTest {

  private static final Path GODOT = Path.of("godot");
  private static final String SCENE = "res://tests/codec_test.tscn";
  /** Stands in for the client's project.godot until there is one. */
  private static final String BARE_PROJECT = """
      config_version=5

      [application]
      config/name="Radius Rumble codec test"
      config/features=PackedStringArray("4.6", "GL Compatibility")

      [rendering]
      renderer/rendering_method="gl_compatibility"
      """;
  private static final Pattern FAIL = Pattern.compile("CODEC_FAIL (.*)");
  private static final Pattern RESULT =
      Pattern.compile("CODEC_RESULT vectors=(\\d+) passed=(\\d+) failed=(\\d+)");

  @RegisterExtension
  static final GodotBrowser browser = GodotBrowser.serving(testPack(""));

  static ProjectPacker testPack(String vectors) {
    ProjectPacker packer = ProjectPacker.of(GODOT).includeTests().withoutAutoloads().mainScene(SCENE)
        .extraFile("tests/vectors.txt", vectors);
    return Files.exists(GODOT.resolve("project.godot")) ? packer
        : packer.extraFile("project.godot", BARE_PROJECT);
  }

  @Test
  void everyGoldenVectorRoundTripsInTheWebEngine() throws Exception {
    CodecVectors vectors = GoldenVectors.build(40, 300);
    GoldenVectors.assertLiveTraffic(vectors);
    browser.servePack(testPack(vectors.text()));

    GodotPage page = browser.open("/");
    int exit = page.awaitExit(Duration.ofMinutes(3));
    List<String> console = page.console().stream().map(GodotPage.ConsoleLine::text).toList();
    console.stream().filter(line -> line.contains("CODEC_BENCH")).map(line -> "[codec] " + line)
        .forEach(System.out::println);

    List<String> failures = console.stream().map(FAIL::matcher).filter(Matcher::find).map(m -> m.group(1))
        .toList();
    assertTrue(failures.isEmpty(), failures.size() + " vectors failed in the engine (vector: problem):\n"
        + String.join("\n", failures));
    Matcher result = console.stream().map(RESULT::matcher).filter(Matcher::find).findFirst().orElse(null);
    assertNotNull(result, "no CODEC_RESULT line; console:\n" + String.join("\n", console));
    int apiChecks = 3;
    assertEquals(vectors.vectors().size() + apiChecks, Integer.parseInt(result.group(1)), "vectors run");
    assertEquals("0", result.group(3), "failed vectors");
    assertEquals(0, exit, "the test scene's exit code");
  }
}
