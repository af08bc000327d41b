package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.persistence.Account;
import rumble.persistence.AccountRepository;
import rumble.persistence.Database;
import rumble.persistence.HiscoreRepository;
import rumble.protocol.HiscoreBoardMessage;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/**
 * The hiscore board over a real WebSocket. The board is seeded through a second database
 * connection while the server runs (SQLite in WAL mode), and no test in this class adds players,
 * so every expected board below is fixed:
 *
 * <pre>
 * pos rank name      score      pos rank name      score
 *  0   1   Ace       2500        6   7   Runner06  2000
 *  1   2   Blaze     2400        n  n+1  RunnerNN  2000-(n-6)*100
 *  2   3   Comet     2300       25  26   Runner25   100
 *  3   3   Dash      2300       26  27   Runner      60
 *  4   5   xay       2200       27  28   x_y         40
 *  5   6   Echo      2100
 * </pre>
 */
class HiscoresIntegrationTest {

  private static final String NO_PLAYER = "No player found with that name";

  @RegisterExtension
  static final TestServer server = TestServer.create();

  @BeforeAll
  static void seedTheBoard() throws Exception {
    Map<String, Long> seeds = new LinkedHashMap<>();
    seeds.put("Ace", 2500L);
    seeds.put("Blaze", 2400L);
    seeds.put("Comet", 2300L);
    seeds.put("Dash", 2300L);
    seeds.put("Echo", 2100L);
    for (int n = 6; n <= 25; n++) {
      seeds.put(String.format("Runner%02d", n), 2000L - (n - 6) * 100L);
    }
    seeds.put("xay", 2200L);
    seeds.put("x_y", 40L);
    seeds.put("Runner", 60L);
    try (Database second = Database.open(server.dataDir(), 1)) {
      AccountRepository accounts = new AccountRepository(second);
      Map<Long, Long> scores = new LinkedHashMap<>();
      for (Map.Entry<String, Long> seed : seeds.entrySet()) {
        Account account = accounts.create(seed.getKey(), "$2a$10$notarealhashnotarealhashnotarealhashnotarealhas", 0)
            .orElseThrow();
        scores.put(account.playerId(), seed.getValue());
      }
      assertEquals(seeds.size(), new HiscoreRepository(second).saveBestScores(scores));
    }
  }

  private static List<String> rows(HiscoreBoardMessage board) {
    List<String> rows = new ArrayList<>();
    board.getHiscoresList().forEach(row -> rows.add(row.getRank() + " " + row.getName() + " " + row.getScore()));
    return rows;
  }

  private static List<String> runners(int from, int to) {
    List<String> rows = new ArrayList<>();
    for (int n = from; n <= to; n++) {
      rows.add((n + 1) + " " + String.format("Runner%02d", n) + " " + (2000 - (n - 6) * 100));
    }
    return rows;
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static final List<String> TOP_TEN = concat(
      List.of("1 Ace 2500", "2 Blaze 2400", "3 Comet 2300", "3 Dash 2300", "5 xay 2200", "6 Echo 2100"),
      runners(6, 9));

  private static final List<String> BOTTOM_TEN = concat(runners(18, 25), List.of("27 Runner 60", "28 x_y 40"));

  private static TestClient browsing() throws Exception {
    TestClient client = TestClient.connect(server.port());
    client.requestHiscores();
    Packet board = client.expect(MsgCase.HISCORE_BOARD);
    assertEquals(client.id, board.getSenderId());
    return client;
  }

  private static List<String> search(TestClient client, String name) throws Exception {
    client.searchHiscore(name);
    return rows(client.expectBoard());
  }

  @Test
  void boardShowsTheTopTenWithTiesSharingARank() throws Exception {
    try (TestClient client = TestClient.connect(server.port())) {
      client.requestHiscores();
      assertEquals(TOP_TEN, rows(client.expectBoard()));
    }
  }

  @Test
  void searchCentresTheWindowOnThePlayerWithTheirRealRanks() throws Exception {
    try (TestClient client = browsing()) {
      List<String> window = search(client, "Runner15");
      assertEquals(runners(10, 19), window);
      assertEquals("16 Runner15 1100", window.get(5), "the searched player sits in the middle");
    }
  }

  @Test
  void searchIgnoresLetterCase() throws Exception {
    try (TestClient client = browsing()) {
      assertEquals(runners(10, 19), search(client, "rUNNER15"));
    }
  }

  @Test
  void searchNearTheTopKeepsTheWindowFull() throws Exception {
    try (TestClient client = browsing()) {
      assertEquals(TOP_TEN, search(client, "Blaze"));
      assertEquals(TOP_TEN, search(client, "ace"));
      List<String> tied = search(client, "Dash");
      assertEquals(TOP_TEN, tied);
      assertEquals("3 Dash 2300", tied.get(3));
    }
  }

  @Test
  void searchNearTheBottomKeepsTheWindowFull() throws Exception {
    try (TestClient client = browsing()) {
      assertEquals(BOTTOM_TEN, search(client, "x_y"));
      assertEquals(BOTTOM_TEN, search(client, "Runner24"));
    }
  }

  @Test
  void exactNameWinsOverLongerNamesThatStartWithIt() throws Exception {
    try (TestClient client = browsing()) {
      // "Runner" itself is near the bottom; Runner06..25 start with the same text and score higher.
      assertEquals(BOTTOM_TEN, search(client, "runner"));
    }
  }

  @Test
  void partialNameFindsTheBestScoringMatch() throws Exception {
    try (TestClient client = browsing()) {
      List<String> window = search(client, "Runner1");
      assertEquals(concat(List.of("6 Echo 2100"), runners(6, 14)), window);
      assertEquals("11 Runner10 1600", window.get(5));
    }
  }

  @Test
  void percentAndUnderscoreInASearchAreLiteral() throws Exception {
    try (TestClient client = browsing()) {
      // As a LIKE wildcard "_" would also match "xay", which scores far higher than "x_y".
      assertEquals(BOTTOM_TEN, search(client, "x_"));
      client.searchHiscore("%");
      assertEquals(NO_PLAYER, client.expectDeny());
      client.searchHiscore("_");
      assertEquals(NO_PLAYER, client.expectDeny());
      client.searchHiscore("R%");
      assertEquals(NO_PLAYER, client.expectDeny());
    }
  }

  @Test
  void unknownOrBlankNameIsDeniedAndBrowsingContinues() throws Exception {
    try (TestClient client = browsing()) {
      client.searchHiscore("Nobody");
      assertEquals(NO_PLAYER, client.expectDeny());
      client.searchHiscore("   ");
      assertEquals(NO_PLAYER, client.expectDeny());
      client.searchHiscore("");
      assertEquals(NO_PLAYER, client.expectDeny());
      assertEquals(runners(10, 19), search(client, "Runner15"));
    }
  }

  @Test
  void onlySearchAndFinishAreAllowedWhileBrowsing() throws Exception {
    try (TestClient client = browsing()) {
      client.login("Ace", "whatever password");
      assertEquals("login request is not allowed while browsing hiscores", client.expectDeny());
      client.requestHiscores();
      assertEquals("hiscore board request is not allowed while browsing hiscores", client.expectDeny());
    }
  }

  @Test
  void finishingBrowsingSendsIdAndReturnsToConnected() throws Exception {
    try (TestClient client = browsing()) {
      search(client, "Blaze");
      client.finishBrowsing();
      Packet id = client.expect(MsgCase.ID);
      assertEquals(client.id, id.getId().getId());

      client.searchHiscore("Blaze");
      assertEquals("search hiscore is not allowed while connected", client.expectDeny());
      client.finishBrowsing();
      assertEquals("finished browsing hiscores is not allowed while connected", client.expectDeny());
      // Connected again: the board can be opened again.
      client.requestHiscores();
      assertEquals(TOP_TEN, rows(client.expectBoard()));
    }
  }

  @Test
  void searchBeforeOpeningTheBoardIsDenied() throws Exception {
    try (TestClient client = TestClient.connect(server.port())) {
      client.searchHiscore("Ace");
      assertEquals("search hiscore is not allowed while connected", client.expectDeny());
    }
  }
}
