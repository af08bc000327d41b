package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.protocol.JoinedRoomMessage;
import rumble.sim.ViewRules;
import rumble.sim.WorldConfig;

/** A client hears only about what is near it. */
class InterestManagementIntegrationTest {

  /** Far beyond a start-size view (half 150, plus the 50 margin), even after moving a little. */
  private static final double FAR = 1000;

  @RegisterExtension
  static final TestServer server = TestServer.create()
      .withConfig("rumble.game.world.half-size", 2000)
      .withConfig("rumble.game.world.shedding", "off")
      .withConfig("rumble.game.spores.target", 400)
      .withConfig("rumble.game.view.width", 300)
      .withConfig("rumble.game.view.height", 300)
      .withConfig("rumble.game.view.margin", 50);

  @Test
  void joinedRoomTellsTheConfiguredView() throws Exception {
    try (GameClient alice = GameClient.guest(server, "alice")) {
      JoinedRoomMessage joined = alice.world.joined;
      assertEquals(300, joined.getViewWidth());
      assertEquals(300, joined.getViewHeight());
      assertEquals(WorldConfig.defaults().startRadius(), joined.getStartRadius());
      assertEquals(ViewRules.GROWTH_EXPONENT, joined.getViewGrowth());
    }
  }

  @Test
  void aPlayerFarAwayReceivesNoneOfTheOthersUpdates() throws Exception {
    try (GameClient alice = GameClient.guest(server, "alice");
        GameClient bob = GameClient.guest(server, "bob")) {
      alice.assertInRoomWith(bob);
      if (distance(alice, bob) < FAR + 100) {
        // They spawned close: bob runs for the corner farthest from alice, then waits there.
        ClientWorld.Player a = alice.world.me();
        double half = alice.world.joined.getWorldHalfSize();
        bob.steerTo(a.x() > 0 ? -half : half, a.y() > 0 ? -half : half);
        GameClient.awaitAll("bob far from alice", () -> distance(alice, bob) >= FAR + 100, alice, bob);
        bob.stop();
        GameClient.playDeltas(2, alice, bob);
      }
      assertFalse(alice.world.players.containsKey(bob.id), "bob is out of alice's view");
      assertFalse(bob.world.players.containsKey(alice.id), "alice is out of bob's view");
      alice.world.playersMentioned.clear();
      bob.world.playersMentioned.clear();

      // alice walks a square next to where she stands (inward, away from the border), changing
      // course every half second for about two seconds.
      ClientWorld.Player start = alice.world.me();
      double sx = start.x() > 0 ? -80 : 80;
      double sy = start.y() > 0 ? -80 : 80;
      double[][] corners = {{sx, 0}, {sx, sy}, {0, sy}, {0, 0}};
      int bobDeltas = bob.world.deltas;
      double farthest = 0;
      for (double[] corner : corners) {
        alice.steerTo(start.x() + corner[0], start.y() + corner[1]);
        GameClient.playDeltas(10, alice, bob);
        farthest = Math.max(farthest, alice.world.me().distanceTo(start.x(), start.y()));
      }

      assertTrue(alice.world.playersMentioned.isEmpty(), "alice heard of " + alice.world.playersMentioned);
      assertTrue(bob.world.playersMentioned.isEmpty(), "bob heard of " + bob.world.playersMentioned);
      assertTrue(bob.world.deltas - bobDeltas >= 40, "bob kept receiving deltas meanwhile");
      assertTrue(alice.world.players.size() == 1 && bob.world.players.size() == 1, "each sees only itself");
      assertTrue(farthest > 50, "alice really moved around: " + farthest);
    }
  }

  private static double distance(GameClient one, GameClient other) {
    ClientWorld.Player a = one.world.me();
    return a.distanceTo(other.world.me().x(), other.world.me().y());
  }
}
