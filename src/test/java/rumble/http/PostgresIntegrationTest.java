package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.persistence.Dialect;
import rumble.protocol.Packet.MsgCase;

/**
 * The real server started on PostgreSQL, as {@code DATABASE_URL=postgresql://...} starts it: what a
 * player does over the WebSocket ends up in PostgreSQL, and a restarted server still knows it.
 */
class PostgresIntegrationTest {

  private static final String PASSWORD = "correct horse";

  @RegisterExtension
  static final TestServer server = TestServer.create().withDatabase(Dialect.POSTGRESQL)
      .withConfig("rumble.game.world.half-size", 250)
      .withConfig("rumble.game.world.shedding", "off")
      .withConfig("rumble.game.spores.target", 100)
      // Longer than the test: the score is written because the player leaves, not by the timer.
      .withConfig("rumble.game.score-write-interval", "1h");

  @Test
  void aRegisteredPlayersAccountAndBestScoreAreInPostgres() throws Exception {
    String name = Names.fresh("Pia");
    long reached;
    try (GameClient pia = GameClient.connect(server)) {
      pia.register(name, PASSWORD, 0x2266AAFF);
      assertEquals(1, server.queryLong("SELECT COUNT(*) FROM users WHERE username = ?", name.toLowerCase()),
          "the account is a row in PostgreSQL as soon as registration is confirmed");
      pia.logIn(name.toLowerCase(), PASSWORD);
      pia.eatSpores(2);
      pia.settle();
      reached = pia.awaitLeaderboardScore();
      pia.logOut();
    }
    long saved = server.awaitQuery(name + "'s best score saved", score -> score >= reached,
        "SELECT p.best_score FROM players p JOIN users u ON u.id = p.user_id WHERE u.username = ?",
        name.toLowerCase());
    assertEquals(reached, saved);
    assertEquals(0x2266AAFF, (int) server.queryLong("SELECT color FROM players WHERE name = ?", name));
  }

  @Test
  void theServerIsReadyOnPostgresAndItsAccountsOutliveARestart() throws Exception {
    HttpResponse<String> ready = Http.get(server.port(), "/health/ready");
    assertEquals(200, ready.statusCode());
    assertTrue(ready.body().contains("\"database\":\"ok\""), ready.body());

    String name = Names.fresh("Rex");
    server.registerAccounts(PASSWORD, name);
    server.stop();
    server.start();

    try (TestClient client = TestClient.connect(server.port())) {
      client.register(name.toUpperCase(), "another password", 1);
      assertEquals("User already exists", client.expectDeny());
      client.login(name, PASSWORD);
      client.expect(MsgCase.OK_RESPONSE);
    }
    assertEquals(4, server.queryLong("SELECT COUNT(*) FROM schema_migrations"), "migrated once, not again");
  }
}
