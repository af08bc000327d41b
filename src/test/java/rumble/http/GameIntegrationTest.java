package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GameIntegrationTest {

  @RegisterExtension
  static final TestServer server = TestServer.create()
      // A small world, so players spawned at random meet within a few seconds.
      .withConfig("rumble.game.world.half-size", 250)
      .withConfig("rumble.game.spores.target", 100);

  @Test
  void twoGuestsInOneRoomSeeEachOtherEnterMoveAndLeave() throws Exception {
    try (GameClient alice = GameClient.guest(server, "alice");
        GameClient bob = GameClient.guest(server, "bob")) {
      alice.assertInRoomWith(bob);
      // Put bob right next to alice so each is in the other's view.
      alice.drain();
      ClientWorld.Player a = alice.world.me();
      bob.steerTo(a.x() + 60, a.y());
      alice.pumpUntil("bob in view", w -> w.players.containsKey(bob.id));
      assertEquals("bob", alice.world.players.get(bob.id).name());
      bob.pumpUntil("bob arrived next to alice", w -> w.players.containsKey(alice.id) && w.me().speed() == 0);
      long stoppedBy = bob.world.tick;
      alice.pumpUntil("alice at bob's tick", w -> w.tick >= stoppedBy);
      ClientWorld.Player bobSeenByAlice = alice.world.players.get(bob.id);
      assertEquals(bob.world.me().x(), alice.world.predictX(bobSeenByAlice), 2.0);
      bob.close();
      alice.pumpUntil("bob gone", w -> !w.players.containsKey(bob.id));
    }
  }

  @Test
  void spawnerFillsTheRoomWithSporesThatClientsSee() throws Exception {
    try (GameClient carol = GameClient.guest(server, "carol")) {
      carol.pumpUntil("spores in view", w -> w.spores.size() > 5);
    }
  }
}
