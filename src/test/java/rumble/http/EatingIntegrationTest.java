package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rumble.http.GameClient.MASS_TOLERANCE;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.protocol.EatenEvent;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;
import rumble.protocol.PlayerConsumedMessage;
import rumble.protocol.PlayerMessage;
import rumble.protocol.SporeConsumedMessage;

/** Eating as players see it: spores and players eaten by the server's rules, never by client claims. */
class EatingIntegrationTest {

  @RegisterExtension
  static final TestServer server = TestServer.create()
      // A small world crowded with spores, and a view that covers all of it from anywhere, so every
      // client knows every player and spore and a spore leaving a view has always been eaten. Spores
      // are re-checked every tick, so even a fresh spore is known before anyone can reach it.
      .withConfig("rumble.game.world.half-size", 250)
      .withConfig("rumble.game.world.shedding", "off")
      .withConfig("rumble.game.spores.target", 100)
      .withConfig("rumble.game.view.width", 1280)
      .withConfig("rumble.game.view.height", 1280)
      .withConfig("rumble.game.view.spore-refresh-ticks", 1);

  @Test
  void aPlayerSteeredAtSporesEatsThemAndGrows() throws Exception {
    try (GameClient eve = GameClient.guest(server, "eve")) {
      long scoreBefore = eve.awaitLeaderboardScore();
      double radiusBefore = eve.world.me().radius();

      List<GameClient.Bite> bites = eve.eatSpores(3);

      for (GameClient.Bite bite : bites) {
        assertTrue(bite.delta().getSporesLeftList().contains(bite.spore().id()),
            "the eaten spore is announced in spores_left");
        assertTrue(bite.after().radius() > bite.before().radius(), "the own radius grows with the spore");
        // Alone in a room whose spores the client all knows, every spore that left was eaten by eve.
        assertEquals(bite.sporesLeftMass(), bite.after().mass() - bite.before().mass(), MASS_TOLERANCE,
            "eve gains the mass of the spores she ate");
        assertTrue(bite.sporesLeftMass() >= bite.spore().mass());
      }
      assertTrue(eve.world.me().radius() > radiusBefore);
      long scoreAfter = eve.awaitLeaderboardScore();
      assertTrue(scoreAfter > scoreBefore, "leaderboard score rises: " + scoreBefore + " -> " + scoreAfter);
      assertTrue(scoreAfter > 1257);
      assertTrue(eve.world.leaderboard.getEntriesList().stream()
          .anyMatch(e -> e.getPlayerId() == eve.id && e.getName().equals("eve")), "eve is on the board by name");
    }
  }

  @Test
  void aBiggerPlayerEatsASmallerOneWhoRespawnsAsItself() throws Exception {
    int benColor = 0x3366CCFF;
    try (GameClient anna = GameClient.guest(server, "anna");
        GameClient ben = GameClient.connect(server)) {
      ben.joinAsGuest("ben", benColor); // ben never steers: he waits where he spawned
      anna.assertInRoomWith(ben);
      GameClient.awaitAll("anna and ben see each other",
          () -> anna.world.players.containsKey(ben.id) && ben.world.players.containsKey(anna.id), anna, ben);

      GameClient.playDeltas(3, anna, ben); // ben has eaten any spore he spawned on
      anna.eatSpores(3);
      anna.growBeyond(1.5 * ben.world.me().mass() + MASS_TOLERANCE);
      ClientWorld.Player benSeen = anna.world.players.get(ben.id);
      assertTrue(anna.world.me().mass() > 1.5 * benSeen.mass(),
          "anna (r " + anna.world.me().radius() + ") has over 1.5x ben's mass (r " + benSeen.radius() + ")");

      anna.steerTo(benSeen.x(), benSeen.y());

      ben.pumpUntil("ben eaten", w -> !w.eaten.isEmpty());
      EatenEvent event = ben.world.eaten.get(0);
      assertEquals(ben.id, event.getVictimId());
      assertEquals(anna.id, event.getEaterId());
      // In the delta of the eating ben has already respawned: same id, start size, somewhere else.
      ClientWorld.Player respawned = ben.world.me();
      ClientWorld.Player victim = ben.world.meBefore;
      assertEquals(20.0, respawned.radius(), 0.05, "ben is back at the start radius");
      assertTrue(respawned.distanceTo(victim.x(), victim.y()) > anna.world.me().radius(),
          "ben's position jumps away from where he was eaten");

      anna.pumpUntil("anna sees ben eaten", w -> w.eaten.stream().anyMatch(e -> e.getVictimId() == ben.id));
      assertEquals(List.of(event), anna.world.eaten);
      ClientWorld.Player eater = anna.world.meBefore;
      assertTrue(eater.mass() > 1.5 * victim.mass(), "only over 1.5x the victim's mass eats it");
      double gained = anna.world.me().mass() - eater.mass();
      assertEquals(victim.mass() + anna.world.massOfSporesLeftInLastDelta(), gained, MASS_TOLERANCE,
          "anna grows by ben's mass");
      ClientWorld.Player benSeenByAnna = anna.world.players.get(ben.id);
      assertEquals(respawned.x(), anna.world.predictX(benSeenByAnna), 1.0, "anna sees ben's new position");
      assertEquals(respawned.y(), anna.world.predictY(benSeenByAnna), 1.0);

      // A newcomer sees ben as ben: same id, name and colour, where ben's client says he is.
      try (GameClient carl = GameClient.guest(server, "carl")) {
        ClientWorld.Player benSeenByCarl = carl.world.players.get(ben.id);
        assertEquals("ben", benSeenByCarl.name());
        assertEquals(benColor, benSeenByCarl.color());
        // ben stays where he respawned (he never steers), though he may have eaten a spore there.
        assertEquals(respawned.x(), carl.world.predictX(benSeenByCarl), 1.0);
        assertEquals(respawned.y(), carl.world.predictY(benSeenByCarl), 1.0);
        assertTrue(benSeenByCarl.radius() >= 20.0);
      }
    }
  }

  @Test
  void eatingClaimsFromTheClientChangeNothing() throws Exception {
    try (GameClient cheat = GameClient.guest(server, "cheat");
        GameClient honest = GameClient.guest(server, "honest")) {
      GameClient.awaitAll("both see each other",
          () -> cheat.world.players.containsKey(honest.id) && honest.world.players.containsKey(cheat.id),
          cheat, honest);
      // Both stay idle; a few ticks in, anything they spawned on top of has been eaten.
      GameClient.playDeltas(3, cheat, honest);
      ClientWorld.Player me = cheat.world.me();
      ClientWorld.Player victim = honest.world.me();
      ClientWorld.Spore spore = cheat.world.spores.values().stream()
          .max(Comparator.comparingDouble(s -> me.distanceTo(s.x(), s.y()))).orElseThrow();
      double claimsBefore = server.scrape().value("rumble_rejected_inputs_total",
          "reason", "client_claim_ignored");

      cheat.send(Packet.newBuilder().setSporeConsumed(SporeConsumedMessage.newBuilder().setSporeId(spore.id()))
          .build());
      cheat.send(Packet.newBuilder().setPlayerConsumed(PlayerConsumedMessage.newBuilder().setPlayerId(honest.id))
          .build());
      cheat.send(Packet.newBuilder().setPlayer(PlayerMessage.newBuilder().setId(cheat.id).setName("cheat")
          .setX(victim.x()).setY(victim.y()).setRadius(200).setSpeed(500).setColor(1)).build());
      // Inputs are handled in order, so the keyframe asked for last shows the claims' effect.
      int keyframes = cheat.world.keyframes;
      cheat.requestKeyframe();
      cheat.pumpUntil("a keyframe", w -> w.keyframes > keyframes);

      assertEquals(List.of(), cheat.received(MsgCase.DENY_RESPONSE), "claims are dropped without a denial");
      assertEquals(me.radius(), cheat.world.me().radius(), "the cheat's radius stays");
      assertEquals(me.x(), cheat.world.me().x());
      assertEquals(me.y(), cheat.world.me().y());
      assertTrue(cheat.world.spores.containsKey(spore.id()), "the claimed spore is still there");
      assertEquals(victim.radius(), cheat.world.players.get(honest.id).radius(), "the claimed victim is intact");
      honest.drain();
      assertEquals(victim.radius(), honest.world.me().radius());
      assertEquals(victim.x(), honest.world.me().x());
      assertTrue(cheat.world.eaten.isEmpty() && honest.world.eaten.isEmpty(), "nobody was eaten");
      assertFalse(cheat.socket.closed().isDone(), "the cheat is still connected");

      double claimsAfter = server.metric("rumble_rejected_inputs_total",
          "reason", "client_claim_ignored").orElseThrow();
      assertEquals(claimsBefore + 3, claimsAfter, "each ignored claim is counted");
    }
  }
}
