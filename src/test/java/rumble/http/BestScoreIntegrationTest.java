package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.protocol.FinishedBrowsingHiscoresMessage;
import rumble.protocol.HiscoreBoardMessage;
import rumble.protocol.HiscoreBoardRequestMessage;
import rumble.protocol.HiscoreMessage;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/** A registered player's best score outlives the game in the database; a guest leaves no trace. */
class BestScoreIntegrationTest {

  private static final String BEST_SCORE = "SELECT best_score FROM players WHERE name = ?";
  private static final String PASSWORD = "correct horse";

  @RegisterExtension
  static final TestServer server = TestServer.create()
      .withConfig("rumble.game.world.half-size", 250)
      .withConfig("rumble.game.world.shedding", "off")
      .withConfig("rumble.game.spores.target", 100)
      // Longer than any of these tests: only leaving the game can get a score written in time.
      .withConfig("rumble.game.score-write-interval", "1h");

  @Test
  void theBestScoreIsSavedWhenAPlayerLogsOutAndShowsOnTheHiscoreBoard() throws Exception {
    try (GameClient dana = GameClient.connect(server)) {
      dana.register("Dana", PASSWORD, 0x112233FF);
      dana.logIn("dana", PASSWORD);
      long reached = playAndScore(dana);

      dana.logOut();

      long saved = server.awaitQuery("dana's best score saved", score -> score >= reached,
          BEST_SCORE, "Dana");
      assertEquals(reached, saved, "the score dana reached and kept until she left");
      dana.send(Packet.newBuilder().setHiscoreBoardRequest(HiscoreBoardRequestMessage.getDefaultInstance())
          .build());
      HiscoreBoardMessage board = dana.awaitPacket(MsgCase.HISCORE_BOARD).getHiscoreBoard();
      HiscoreMessage row = board.getHiscoresList().stream().filter(h -> h.getName().equals("Dana"))
          .findFirst().orElseThrow(() -> new AssertionError("Dana not on the board " + board));
      assertEquals(saved, row.getScore());
      dana.send(Packet.newBuilder()
          .setFinishedBrowsingHiscores(FinishedBrowsingHiscoresMessage.getDefaultInstance()).build());
      dana.awaitPacket(MsgCase.ID);
    }
  }

  @Test
  void theBestScoreIsSavedWhenAPlayerJustClosesTheConnection() throws Exception {
    long reached;
    try (GameClient finn = GameClient.connect(server)) {
      finn.register("finn", PASSWORD, 0x445566FF);
      finn.logIn("finn", PASSWORD);
      reached = playAndScore(finn);
    }
    assertEquals(reached, server.awaitQuery("finn's best score saved", score -> score >= reached,
        BEST_SCORE, "finn"));
  }

  @Test
  void aGuestPlaysAndLeavesNoRow() throws Exception {
    try (GameClient witness = GameClient.connect(server)) {
      witness.register("witness", PASSWORD, 0x778899FF);
      long users = server.queryLong("SELECT COUNT(*) FROM users");
      long players = server.queryLong("SELECT COUNT(*) FROM players");
      long scores = server.queryLong("SELECT COALESCE(SUM(best_score), 0) FROM players");

      try (GameClient guest = GameClient.guest(server, "Gus")) {
        playAndScore(guest);
        guest.logOut();
      }
      // A registered player scoring after the guest left flushes the write-behind: once the witness's
      // score is in, anything the guest could have caused would be too.
      witness.logIn("witness", PASSWORD);
      long reached = playAndScore(witness);
      witness.logOut();
      server.awaitQuery("the witness's best score saved", score -> score >= reached,
          BEST_SCORE, "witness");

      assertEquals(users, server.queryLong("SELECT COUNT(*) FROM users"), "no user for the guest");
      assertEquals(players, server.queryLong("SELECT COUNT(*) FROM players"), "no player for the guest");
      assertEquals(scores + reached,
          server.queryLong("SELECT COALESCE(SUM(best_score), 0) FROM players"),
          "only the witness's score was written");
      assertEquals(0, server.queryLong(
          "SELECT COUNT(*) FROM users WHERE username = 'gus'"));
    }
  }

  /** Eats two spores and stops, then returns the score the leaderboard shows once it has caught up. */
  private static long playAndScore(GameClient client) throws Exception {
    client.eatSpores(2);
    client.settle();
    long score = client.awaitLeaderboardScore();
    assertTrue(score > 1257, "score " + score + " is above the start");
    return score;
  }
}
