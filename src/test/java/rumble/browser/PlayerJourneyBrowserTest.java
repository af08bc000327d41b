package rumble.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static rumble.browser.ClientFlows.CENTRE_X;
import static rumble.browser.ClientFlows.CENTRE_Y;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A registered player's whole visit through the real client in Chromium: register with a colour,
 * log in with Enter, see the own blob in that colour, steer with the mouse, eat spores, log out,
 * then find the best score on the hiscore board. (The menus' own cases: {@link MenusBrowserTest}.)
 */
class PlayerJourneyBrowserTest {

  private static final String PASSWORD = "correct horse battery";
  private static final AtomicInteger NEXT = new AtomicInteger();

  /** A small world: its 1,000 spores lie dense enough that a few seconds of running eats some. */
  @RegisterExtension
  static final GodotBrowser browser = GodotBrowser.client().withConfig("rumble.game.world.half-size", 500);

  private static String freshName(String prefix) {
    return prefix + NEXT.incrementAndGet() + (System.nanoTime() / 1000 % 1000);
  }

  @Test
  void registerInAColourThenPlaySteerEatAndLogOut() {
    GodotPage page = browser.open("/");
    String name = freshName("Painter");
    int chosen = Integer.parseInt(ClientFlows.register(page, name, PASSWORD, 0).substring(1), 16);

    ClientFlows.logIn(page, name, PASSWORD);

    // The own blob sits in the middle of the screen in the chosen colour (probed below the name).
    JsonNode game = page.game();
    double radiusOnScreen = game.path("radius").asDouble() * game.path("zoom").asDouble();
    int probeY = (int) (CENTRE_Y + radiusOnScreen * 0.55);
    int[] seen = new int[1];
    page.awaitRumble("the own blob drawn in #" + Integer.toHexString(chosen) + " at the centre", r -> {
      seen[0] = page.pixel((int) CENTRE_X, probeY);
      return GodotPage.sameColor(chosen, seen[0], 24);
    });

    // The mouse beside the blob steers it that way: toward the wider side of the world, since a blob
    // spawned near the east edge (the world is ±500 here) has no 60 units left to run east.
    double startX = page.game().path("x").asDouble();
    int way = startX <= 0 ? 1 : -1;
    page.mouseMove(CENTRE_X + way * 300, CENTRE_Y);
    page.awaitRumble(way > 0 ? "the blob running east" : "the blob running west",
        r -> way * (r.at("/game/x").asDouble() - startX) > 60);

    // Running through a dense field of spores eats some: the score rises above the start score.
    page.mouseMove(CENTRE_X - 200, CENTRE_Y + 250);
    JsonNode fed = page.awaitRumble("a spore eaten", r -> r.at("/game/score").asInt() > 1257);
    int score = fed.at("/game/score").asInt();

    page.click("LogoutButton");
    page.awaitState("login");

    // The best score is on the board once the player has left.
    page.click("HiscoresButton");
    page.awaitState("hiscores");
    page.type("HiscoresSearch", name);
    page.press("Enter");
    JsonNode row = awaitHighlighted(page, name);
    // The screen shows a score made from the quantised radius (1/10 unit), the board the server's
    // exact mass: they agree to within a few points, and both are above the start score.
    int best = row.path("score").asInt();
    assertTrue(best > 1257 && best >= score * 0.99, "best score " + row + " vs " + score + " on screen");
  }

  /** The search's answer: the row of {@code name}, highlighted. */
  private static JsonNode awaitHighlighted(GodotPage page, String name) {
    JsonNode board = page.awaitRumble("a highlighted hiscore row for " + name,
        r -> highlighted(r.at("/game/hiscores"), name) != null);
    return highlighted(board.at("/game/hiscores"), name);
  }

  private static JsonNode highlighted(JsonNode rows, String name) {
    for (JsonNode row : rows) {
      if (row.path("name").asText().equals(name) && row.path("highlight").asBoolean()) {
        return row;
      }
    }
    return null;
  }

}
