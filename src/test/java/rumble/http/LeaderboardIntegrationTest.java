package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.protocol.LeaderboardEntry;

/** The room's leaderboard as players see it. */
class LeaderboardIntegrationTest {

  @RegisterExtension
  static final TestServer server = TestServer.create()
      // A board of one, so a newcomer does not change it by joining.
      .withConfig("rumble.game.world.half-size", 250)
      .withConfig("rumble.game.world.shedding", "off")
      .withConfig("rumble.game.spores.target", 100)
      .withConfig("rumble.game.leaderboard.size", 1);

  @Test
  void aNewcomerSeesTheBoardEvenIfNothingOnItChanged() throws Exception {
    try (GameClient leader = GameClient.guest(server, "leader")) {
      leader.eatSpores(2);
      leader.settle();
      long score = leader.awaitLeaderboardScore();
      try (GameClient newcomer = GameClient.guest(server, "newcomer")) {
        newcomer.pumpUntil("a leaderboard", w -> w.leaderboard != null);
        LeaderboardEntry top = newcomer.world.leaderboard.getEntries(0);
        assertEquals(leader.id, top.getPlayerId());
        assertEquals("leader", top.getName());
        assertEquals(score, top.getScore());
      }
    }
  }
}
