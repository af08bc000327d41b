package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rumble.protocol.LeaderboardEntry;

/** The room's leaderboard as players see it. */
class LeaderboardIntegrationTest {

  @TempDir static Path dataDir;
  static GameServer server;

  @BeforeAll
  static void start() throws Exception {
    // A board of one, so a newcomer does not change it by joining.
    server = TestServer.start(dataDir, Map.of(
        "rumble.game.world.half-size", 250,
        "rumble.game.world.shedding", "off",
        "rumble.game.spores.target", 100,
        "rumble.game.leaderboard.size", 1));
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

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
