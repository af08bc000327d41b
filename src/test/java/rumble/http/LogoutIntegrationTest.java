package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.protocol.DisconnectMessage;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/** Logging out of a game leads back to the lobby (Connected), from where the player can play again. */
class LogoutIntegrationTest {

  @RegisterExtension
  static final TestServer server = TestServer.create()
      // Everyone sees the whole small world, so the observer sees players come and go.
      .withConfig("rumble.game.world.half-size", 250)
      .withConfig("rumble.game.spores.target", 50)
      .withConfig("rumble.game.view.width", 1280)
      .withConfig("rumble.game.view.height", 1280);

  @Test
  void aGuestLogsOutAndComesBack() throws Exception {
    try (GameClient observer = GameClient.guest(server, "observer");
        GameClient dora = GameClient.guest(server, "dora")) {
      observer.pumpUntil("dora in view", w -> w.players.containsKey(dora.id));
      leaveAndComeBack(dora, observer, () -> dora.joinAsGuest("dora", 0x00FF00FF));
      assertEquals("dora", observer.world.players.get(dora.id).name());
    }
  }

  @Test
  void aRegisteredPlayerLogsOutAndLogsInAgain() throws Exception {
    try (GameClient observer = GameClient.guest(server, "watcher");
        GameClient emil = GameClient.connect(server)) {
      emil.register("emil", "correct horse", 0x0000FFFF);
      emil.logIn("emil", "correct horse");
      observer.pumpUntil("emil in view", w -> w.players.containsKey(emil.id));
      leaveAndComeBack(emil, observer, () -> emil.logIn("emil", "correct horse"));
      assertEquals("emil", observer.world.players.get(emil.id).name());
      assertEquals(0x0000FFFF, observer.world.players.get(emil.id).color());
    }
  }

  @Test
  void othersStillSeeAPlayerWhoLogsOutAndStraightBackIn() throws Exception {
    try (GameClient observer = GameClient.guest(server, "onlooker");
        GameClient quick = GameClient.guest(server, "quick")) {
      observer.pumpUntil("quick in view", w -> w.players.containsKey(quick.id));
      // Logout and the new login go out together: the room sees the leave and the join in one tick.
      quick.send(Packet.newBuilder().setDisconnect(DisconnectMessage.newBuilder().setReason("brb")).build());
      quick.joinAsGuest("quick", 0x00FF00FF);
      quick.pumpDeltas(5);
      long tick = quick.world.tick;
      observer.pumpUntil("the observer at the same tick", w -> w.tick >= tick);
      assertTrue(observer.world.players.containsKey(quick.id), "quick is back in the observer's view");
    }
  }

  private interface Join {
    ClientWorld join() throws Exception;
  }

  private static void leaveAndComeBack(GameClient player, GameClient observer, Join join) throws Exception {
    player.pumpDeltas(3);

    player.logOut();
    assertNull(player.world, "no room after logout");
    observer.pumpUntil("the player gone from the room", w -> !w.players.containsKey(player.id));
    // In the lobby, game input is refused: the very next packet answers it, no world delta comes.
    player.steerTo(0, 0);
    String reason = player.awaitPacket(MsgCase.DENY_RESPONSE).getDenyResponse().getReason();
    assertTrue(reason.contains("not allowed while connected"), reason);
    assertNull(player.world, "no world delta after logout");

    ClientWorld world = join.join();
    assertTrue(world.lastDelta.getKeyframe(), "the first delta of the new game is a keyframe");
    assertEquals(1, world.lastDelta.getSeq());
    player.pumpDeltas(5);
    observer.pumpUntil("the player back in view", w -> w.players.containsKey(player.id));
  }
}
