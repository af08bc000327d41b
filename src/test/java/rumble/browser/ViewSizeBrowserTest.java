package rumble.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client zooms by the view the server announces in JoinedRoom, not by built-in numbers: with a
 * 300 × 300 view, a start-size player's screen (1152 × 648) may show at most 300 world units across,
 * so the camera starts at zoom 1152 / 300 = 3.84 instead of the default 2.
 */
class ViewSizeBrowserTest {

  @RegisterExtension
  static final GodotBrowser browser = GodotBrowser.client()
      .withConfig("rumble.game.view.width", 300)
      .withConfig("rumble.game.view.height", 300);

  @Test
  void theCameraNeverShowsMoreThanTheServersView() {
    GodotPage page = browser.open("/?name=Narrow");
    ClientFlows.awaitPlaying(page);
    JsonNode game = page.awaitRumble("the camera placed", r -> r.at("/game/zoom").asDouble() > 2.5)
        .path("game");
    assertEquals(20, game.path("radius").asDouble(), 1e-9, "a start-size player");
    assertEquals(GodotBrowser.WIDTH / 300.0, game.path("zoom").asDouble(), 0.01, "zoom: " + game);
    page.assertNoErrors();
  }
}
