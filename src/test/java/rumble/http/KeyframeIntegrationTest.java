package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.protocol.PlayerDelta;
import rumble.protocol.WorldDeltaMessage;

/** Keyframes: a fresh start for the client, on joining and whenever it asks. */
class KeyframeIntegrationTest {

  @RegisterExtension
  static final TestServer server = TestServer.create()
      .withConfig("rumble.game.world.half-size", 250)
      .withConfig("rumble.game.spores.target", 50)
      .withConfig("rumble.game.view.width", 1280)
      .withConfig("rumble.game.view.height", 1280);

  @Test
  void keyframesComeFirstAndOnRequestWithSeqRunningOn() throws Exception {
    try (GameClient kim = GameClient.connect(server);
        GameClient lou = GameClient.guest(server, "lou")) {
      kim.joinAsGuest("kim", 0x123456FF);
      WorldDeltaMessage first = kim.world.lastDelta;
      assertTrue(first.getKeyframe(), "the first delta after joining is a keyframe");
      assertEquals(1, first.getSeq());
      PlayerDelta self = own(kim, first);
      assertEquals("kim", self.getName(), "the keyframe introduces the client's own player fully");
      assertEquals(0x123456FF, self.getColor());

      kim.pumpUntil("lou in view", w -> w.players.containsKey(lou.id));
      lou.steer(0.5); // lou keeps moving, so kim's deltas carry updates about him
      for (int request = 0; request < 2; request++) {
        kim.pumpDeltas(5);
        assertFalse(kim.world.lastDelta.getKeyframe(), "no keyframe unless asked for");
        int keyframes = kim.world.keyframes;
        kim.requestKeyframe();
        kim.pumpUntil("the requested keyframe", w -> w.keyframes > keyframes);
        WorldDeltaMessage keyframe = kim.world.lastDelta;
        PlayerDelta louDelta = keyframe.getPlayersList().stream().filter(p -> p.getId() == lou.id)
            .findFirst().orElseThrow(() -> new AssertionError("lou missing from the keyframe"));
        assertTrue(louDelta.hasName() && louDelta.hasColor() && louDelta.hasRadius() && louDelta.hasX(),
            "a keyframe describes every player in view fully: " + louDelta);
        assertEquals("kim", own(kim, keyframe).getName());
        assertTrue(keyframe.getSporesCount() > 0, "a keyframe lists the spores in view");
      }
      assertEquals(0, kim.world.seqGaps, "seq grows by one through keyframes");
      assertEquals(kim.world.deltas, kim.world.lastSeq, "seq counted every delta since joining");
      // (ClientWorld also checked that kim's own player was in every one of them.)
      assertEquals(3, kim.world.keyframes);
    }
  }

  private static PlayerDelta own(GameClient client, WorldDeltaMessage delta) {
    return delta.getPlayersList().stream().filter(p -> p.getId() == client.id).findFirst().orElseThrow();
  }
}
