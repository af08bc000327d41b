package rumble.godot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The client's world model in the real engine: {@code godot/tests/world_model_test.tscn} feeds it
 * deltas the way the server sends them and checks it ends up where the Java clients
 * ({@code ClientWorld}, {@code WorldView}) do: keyframes reset, motion restarts extrapolation,
 * leaving and eaten players vanish at once, a seq gap asks for a keyframe and waits for it.
 */
class WorldModelInEngineTest {

  private static final Pattern RESULT = Pattern.compile("\\[test\\] world_model: (\\d+) passed, (\\d+) failed");
  private static final Pattern FAIL = Pattern.compile("\\[test\\] FAIL (.*)");

  @RegisterExtension
  static final GodotBrowser browser = GodotBrowser.serving(ProjectPacker.of(Path.of("godot")).includeTests()
      .withoutAutoloads().mainScene("res://tests/world_model_test.tscn"));

  @Test
  void theWorldModelAppliesDeltasAsTheServerMeansThem() {
    GodotPage page = browser.open("/");
    int exit = page.awaitExit(Duration.ofMinutes(2));
    List<String> console = page.console().stream().map(GodotPage.ConsoleLine::text).toList();
    List<String> failures = console.stream().map(FAIL::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
    assertEquals(List.of(), failures, "world model checks that failed");
    Matcher result = console.stream().map(RESULT::matcher).filter(Matcher::find).findFirst()
        .orElseThrow(() -> new AssertionError("no result line; console:\n" + String.join("\n", console)));
    assertTrue(Integer.parseInt(result.group(1)) >= 20, "the checks ran: " + result.group());
    assertEquals(0, exit, "exit code of the test scene");
  }
}
