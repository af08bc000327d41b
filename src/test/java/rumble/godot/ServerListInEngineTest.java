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
 * The client's server list in the real engine: {@code godot/tests/server_list_test.tscn} checks which
 * addresses it accepts, that it tries them round robin, and its delays: quick to a node not yet tried,
 * the growing back-off once every node failed in turn (1, 2, 4, 5 s, as with one address).
 */
class ServerListInEngineTest {

  private static final Pattern RESULT = Pattern.compile("\\[test\\] server_list: (\\d+) passed, (\\d+) failed");
  private static final Pattern FAIL = Pattern.compile("\\[test\\] FAIL (.*)");

  @RegisterExtension
  static final GodotBrowser browser = GodotBrowser.serving(ProjectPacker.of(Path.of("godot")).includeTests()
      .withoutAutoloads().mainScene("res://tests/server_list_test.tscn"));

  @Test
  void addressesAreTriedRoundRobinWithTheBackOffPerRound() {
    GodotPage page = browser.open("/");
    int exit = page.awaitExit(Duration.ofMinutes(1));
    List<String> console = page.console().stream().map(GodotPage.ConsoleLine::text).toList();
    List<String> failures = console.stream().map(FAIL::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
    assertEquals(List.of(), failures, "server list checks that failed");
    Matcher result = console.stream().map(RESULT::matcher).filter(Matcher::find).findFirst()
        .orElseThrow(() -> new AssertionError("no result line; console:\n" + String.join("\n", console)));
    assertTrue(Integer.parseInt(result.group(1)) >= 30, "the checks ran: " + result.group());
    assertEquals(0, exit, "exit code of the test scene");
  }
}
