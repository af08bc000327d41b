package rumble.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;

class HiscoreRepositoryTest {
  private Database db;
  private HiscoreRepository hiscores;
  private Board board;

  @BeforeEach
  void open(TestDatabase database) throws Exception {
    db = database.open(2);
    hiscores = new HiscoreRepository(db);
    board = new Board(db);
  }

  /** p00 .. p{n-1}, p00 best (score 10 * n), each next one 10 lower. */
  private void addRankedPlayers(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      board.add(String.format("p%02d", i), 10L * (n - i));
    }
  }

  private static List<String> names(List<HiscoreEntry> rows) {
    return rows.stream().map(HiscoreEntry::name).collect(Collectors.toList());
  }

  private static List<Long> ranks(List<HiscoreEntry> rows) {
    return rows.stream().map(HiscoreEntry::rank).collect(Collectors.toList());
  }

  @OnEveryDatabase
  void topTenIsOrderedByScoreThenByWhoRegisteredFirst() throws Exception {
    board.add("low", 100);
    board.add("high", 900);
    board.add("tiedFirst", 500);
    board.add("tiedSecond", 500);
    board.add("zero", 0);

    List<HiscoreEntry> top = hiscores.top(10, 0);

    assertEquals(List.of(
        new HiscoreEntry(1, "high", 900),
        new HiscoreEntry(2, "tiedFirst", 500),
        new HiscoreEntry(2, "tiedSecond", 500),
        new HiscoreEntry(4, "low", 100),
        new HiscoreEntry(5, "zero", 0)), top);
  }

  @OnEveryDatabase
  void tiesShareACompetitionRankOnEveryPage() throws Exception {
    board.add("a", 50);
    board.add("b", 40);
    board.add("c", 40);
    board.add("d", 40);
    board.add("e", 10);

    assertEquals(List.of(1L, 2L, 2L, 2L, 5L), ranks(hiscores.top(10, 0)));
    assertEquals(List.of(2L, 2L), ranks(hiscores.top(2, 2)), "a later page keeps the tie rank");
  }

  @OnEveryDatabase
  void topHonoursLimitAndOffset() throws Exception {
    addRankedPlayers(25);

    assertEquals(10, hiscores.top(10, 0).size());
    assertEquals(List.of("p20", "p21", "p22", "p23", "p24"), names(hiscores.top(10, 20)));
    assertEquals(21, hiscores.top(10, 20).get(0).rank());
    assertTrue(hiscores.top(10, 25).isEmpty());
    assertTrue(hiscores.top(0, 0).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> hiscores.top(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> hiscores.top(10, -1));
  }

  @OnEveryDatabase
  void searchingAMiddlePlayerCentresThemInTheWindow() throws Exception {
    addRankedPlayers(30);

    List<HiscoreEntry> window = hiscores.windowAround("p15", 10).orElseThrow();

    assertEquals(List.of("p10", "p11", "p12", "p13", "p14", "p15", "p16", "p17", "p18", "p19"),
        names(window));
    assertEquals(new HiscoreEntry(16, "p15", 150), window.get(5));
  }

  @OnEveryDatabase
  void theTopPlayerSeesTheFirstRows() throws Exception {
    addRankedPlayers(30);

    List<HiscoreEntry> window = hiscores.windowAround("p00", 10).orElseThrow();

    assertEquals(names(hiscores.top(10, 0)), names(window));
    assertEquals(1, window.get(0).rank());
  }

  @OnEveryDatabase
  void theBottomPlayerSeesAFullWindowOfTheLastRows() throws Exception {
    addRankedPlayers(30);

    List<HiscoreEntry> window = hiscores.windowAround("p29", 10).orElseThrow();

    assertEquals(10, window.size());
    assertEquals("p20", window.get(0).name());
    assertEquals(new HiscoreEntry(30, "p29", 10), window.get(9));
  }

  @OnEveryDatabase
  void aSmallBoardIsShownWhole() throws Exception {
    addRankedPlayers(4);

    assertEquals(List.of("p00", "p01", "p02", "p03"),
        names(hiscores.windowAround("p03", 10).orElseThrow()));
  }

  @OnEveryDatabase
  void aTiedPlayerIsFoundAtTheirOwnPositionWithTheSharedRank() throws Exception {
    addRankedPlayers(10);
    for (int i = 0; i < 10; i++) {
      board.add("tie" + i, 55);
    }
    addRankedPlayersBelow();

    List<HiscoreEntry> window = hiscores.windowAround("tie7", 10).orElseThrow();

    // p00..p04 score 100..60, then the ten ties at 55: tie7 is at position 12.
    assertEquals("tie7", window.get(5).name());
    assertEquals("tie2", window.get(0).name());
    assertTrue(window.stream().filter(e -> e.score() == 55).allMatch(e -> e.rank() == 6));
  }

  private void addRankedPlayersBelow() throws Exception {
    for (int i = 0; i < 5; i++) {
      board.add("below" + i, 5 - i);
    }
  }

  @OnEveryDatabase
  void searchIsCaseInsensitiveAndIgnoresSurroundingSpaces() throws Exception {
    addRankedPlayers(12);
    board.add("Alice", 35);

    List<HiscoreEntry> window = hiscores.windowAround("  aLiCe ", 10).orElseThrow();

    assertTrue(names(window).contains("Alice"));
  }

  @OnEveryDatabase
  void aPrefixFindsTheBestScoringMatchingName() throws Exception {
    board.add("alison", 100);
    board.add("alice", 300);
    board.add("bob", 999);
    board.add("alfred", 200);

    List<HiscoreEntry> window = hiscores.windowAround("Ali", 1).orElseThrow();

    assertEquals(List.of(new HiscoreEntry(2, "alice", 300)), window);
  }

  @OnEveryDatabase
  void anExactNameBeatsABetterScoringPrefixMatch() throws Exception {
    board.add("al", 10);
    board.add("alice", 300);

    assertEquals("al", hiscores.windowAround("AL", 1).orElseThrow().get(0).name());
  }

  @OnEveryDatabase
  void wildcardCharactersInTheSearchAreLiteral() throws Exception {
    board.add("abc", 300);
    board.add("a_c", 100);
    board.add("xyz", 200);

    assertEquals("a_c", hiscores.windowAround("a_", 1).orElseThrow().get(0).name());
    assertEquals("a_c", hiscores.windowAround("a_c", 1).orElseThrow().get(0).name());
    assertTrue(hiscores.windowAround("%", 10).isEmpty(), "'%' must not match everyone");
    assertTrue(hiscores.windowAround("_", 10).isEmpty(), "'_' must not match any one letter");
    assertTrue(hiscores.windowAround("a%", 10).isEmpty());
    assertTrue(hiscores.windowAround("a\\", 10).isEmpty(), "the escape character is literal too");
  }

  @OnEveryDatabase
  void namesContainingWildcardCharactersCanBeFound() throws Exception {
    board.add("100%", 50);
    board.add("1000", 500);
    board.add("back\\slash", 20);

    assertEquals("100%", hiscores.windowAround("100%", 1).orElseThrow().get(0).name());
    assertTrue(hiscores.windowAround("10%", 1).isEmpty(), "'%' is not a wildcard: no '10%...'");
    assertEquals("back\\slash", hiscores.windowAround("back\\", 1).orElseThrow().get(0).name());
  }

  @OnEveryDatabase
  void unknownOrBlankNamesFindNothing() throws Exception {
    addRankedPlayers(5);

    assertTrue(hiscores.windowAround("nobody", 10).isEmpty());
    assertTrue(hiscores.windowAround("", 10).isEmpty());
    assertTrue(hiscores.windowAround("   ", 10).isEmpty());
    assertTrue(hiscores.windowAround(null, 10).isEmpty());
    assertTrue(new HiscoreRepository(db).windowAround("p0", 10).isPresent());
  }

  @OnEveryDatabase
  void bestScoresOnlyEverGoUp() throws Exception {
    long a = board.add("a", 500);
    long b = board.add("b", 100);
    long c = board.add("c", 0);

    Map<Long, Long> batch = new HashMap<>();
    batch.put(a, 300L);   // lower: ignored
    batch.put(b, 100L);   // equal: no change
    batch.put(c, 700L);   // higher: raised
    batch.put(999L, 5000L); // no such player: ignored

    assertEquals(1, hiscores.saveBestScores(batch));
    assertEquals(List.of(new HiscoreEntry(1, "c", 700), new HiscoreEntry(2, "a", 500),
        new HiscoreEntry(3, "b", 100)), hiscores.top(10, 0));
  }

  @OnEveryDatabase
  void aBatchRaisesManyPlayersAtOnceAndRecordsWhen() throws Exception {
    Map<Long, Long> batch = new HashMap<>();
    for (int i = 0; i < 200; i++) {
      batch.put(board.add("player" + i, 0), 1000L + i);
    }
    long before = System.currentTimeMillis();

    assertEquals(200, hiscores.saveBestScores(batch));

    assertEquals(new HiscoreEntry(1, "player199", 1199), hiscores.top(1, 0).get(0));
    assertTrue(DatabaseTest.count(db, "SELECT MIN(best_score_at) FROM players") >= before);
    assertEquals(0, hiscores.saveBestScores(batch), "saving the same scores again changes nothing");
    assertEquals(0, hiscores.saveBestScores(Map.of()));
  }
}
