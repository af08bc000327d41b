package rumble.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A view packed with spores: the keyframe that describes it is larger than the 64 KiB a Godot
 * WebSocketPeer takes by default, which silently breaks the connection. The client must take it
 * whole, keep its connection, and stay in step afterwards.
 *
 * <p>Spores never overlap, so a start-size view holds at most ~700 of them (~10 KB). A grown player
 * sees far more: at the radius cap the view is (1000/20)^0.4 ≈ 4.8 times wider and taller, about
 * 10,000 spores. The test server gives every player such a view instead of growing one.
 */
class CrowdedViewBrowserTest {

  private static final int CROWD = 6_000;

  /** ~8,000 spores (all that fit) in a 4,000-unit world, and a view that always holds all of it: a keyframe of ~100 KB. */
  @RegisterExtension
  static final GodotBrowser browser = GodotBrowser.client()
      .withConfig("rumble.game.world.half-size", 2000)
      .withConfig("rumble.game.view.width", 8400)
      .withConfig("rumble.game.view.height", 8400)
      .withConfig("rumble.game.spores.target", 10_000)
      .withConfig("rumble.game.spores.per-second", 20_000);

  @Test
  void aKeyframeOfThousandsOfSporesArrivesWholeAndTheGameGoesOn() {
    GodotPage page = browser.open("/?name=Crowded");
    ClientFlows.awaitPlaying(page);
    page.awaitRumble("the room filled with spores", r -> r.at("/game/spores_in_view").asInt() >= CROWD);

    // Leave and come back: the room (kept alive for a while when empty) greets the returning
    // player with one keyframe holding everything in view.
    page.click("LogoutButton");
    page.awaitState("login");
    page.click("GuestLink");
    page.awaitState("guest");
    page.type("GuestName", "Returning");
    page.click("GuestPlay");
    ClientFlows.awaitPlaying(page);
    JsonNode game = page.awaitRumble("the crowded keyframe applied",
        r -> r.at("/game/spores_in_view").asInt() >= CROWD && r.at("/game/keyframes").asInt() >= 1);
    long deltas = game.path("deltas").asLong();

    page.awaitRumble("deltas still flowing after the big keyframe",
        r -> r.at("/game/deltas").asLong() >= deltas + 40);
    JsonNode after = page.game();
    assertEquals(0, after.path("seq_gaps").asInt(), "no delta lost: " + after);
    assertEquals("in_game", page.state());
    assertTrue(!after.path("notice").asText().contains("Reconnected"),
        "the connection held (no reconnect): " + after.path("notice"));
  }
}
