package rumble.persistence;

import java.sql.SQLException;
import java.util.Map;

/** Test helper: registers players and gives them best scores. */
final class Board {
  private final AccountRepository accounts;
  private final HiscoreRepository hiscores;

  Board(Database db) {
    this.accounts = new AccountRepository(db);
    this.hiscores = new HiscoreRepository(db);
  }

  long add(String name, long bestScore) throws SQLException {
    long playerId = accounts.create(name, "hash", 0).orElseThrow().playerId();
    if (bestScore > 0) {
      hiscores.saveBestScores(Map.of(playerId, bestScore));
    }
    return playerId;
  }
}
