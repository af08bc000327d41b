package rumble.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The persistent hiscore board: best score per player, ordered by score (high first) and then by
 * player id, so older players win ties in position (but not in rank). Thread-safe; blocking.
 */
public final class HiscoreRepository {
  // Rank = 1 + players with a strictly higher score, so ties share a rank. Both the page walk and
  // the count use the (best_score DESC, id) index.
  private static final String PAGE =
      "SELECT 1 + (SELECT COUNT(*) FROM players h WHERE h.best_score > p.best_score),"
          + " p.name, p.best_score"
          + " FROM players p ORDER BY p.best_score DESC, p.id ASC LIMIT ? OFFSET ?";
  // The exact name first: the one whose look-alike key matches (any case, width or look-alike
  // letters), else every name starting with the text, best score first. usernames are the
  // lower-cased names, which makes the prefix match case-insensitive on any DB.
  private static final String FIND_PLAYER =
      "SELECT p.id, p.best_score FROM users u JOIN players p ON p.user_id = u.id"
          + " WHERE u.name_key = ? OR u.username LIKE ? ESCAPE '" + LikePatterns.ESCAPE + "'"
          + " ORDER BY CASE WHEN u.name_key = ? THEN 0 ELSE 1 END, p.best_score DESC, p.id ASC"
          + " LIMIT 1";
  // 0-based position in board order, and the board size.
  private static final String POSITION_AND_TOTAL =
      "SELECT (SELECT COUNT(*) FROM players q"
          + "   WHERE q.best_score > ? OR (q.best_score = ? AND q.id < ?)),"
          + " (SELECT COUNT(*) FROM players)";
  private static final String RAISE_BEST_SCORE =
      "UPDATE players SET best_score = ?, best_score_at = ? WHERE id = ? AND best_score < ?";

  private final Database db;

  public HiscoreRepository(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** The board from {@code offset} (0-based), at most {@code limit} rows. */
  public List<HiscoreEntry> top(int limit, int offset) throws SQLException {
    requireNotNegative(limit, "limit");
    requireNotNegative(offset, "offset");
    return db.withConnection(c -> page(c, limit, offset));
  }

  /**
   * The {@code size} rows around the player found by {@code name}: the exact name in any case (or
   * spelled with look-alike letters, see {@link AccountRepository#isNameTaken}),
   * else the best-scoring name starting with the text ('%', '_' and '\' are literal). The player
   * sits at index size/2 of the window unless near the top or bottom, where the window stays full.
   * Empty when the text is blank or no name matches.
   */
  public Optional<List<HiscoreEntry>> windowAround(String name, int size) throws SQLException {
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1, was " + size);
    }
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    String typed = name.strip();
    // Three statements on one connection but not one snapshot (on SQLite a transaction would take
    // the write lock). If scores move in between, the window may be off by a row; each row's rank
    // is still computed within the single page query.
    return db.withConnection(c -> {
      Optional<Found> player = findPlayer(c, typed);
      if (player.isEmpty()) {
        return Optional.empty();
      }
      Placement placement = placement(c, player.get());
      return Optional.of(page(c, size, windowOffset(placement.position(), placement.total(), size)));
    });
  }

  /**
   * Write-behind batch: raises each player's best score to the given one only if it is higher
   * (never lowers it), in one transaction using a JDBC batch. Unknown player ids are ignored.
   * Returns how many players' best scores went up.
   */
  public int saveBestScores(Map<Long, Long> scoreByPlayerId) throws SQLException {
    Objects.requireNonNull(scoreByPlayerId, "scoreByPlayerId");
    if (scoreByPlayerId.isEmpty()) {
      return 0;
    }
    // Updating in id order keeps lock order stable if two batches ever overlap (PostgreSQL).
    List<Map.Entry<Long, Long>> entries = new ArrayList<>(scoreByPlayerId.entrySet());
    entries.forEach(e -> {
      Objects.requireNonNull(e.getKey(), "player id");
      Objects.requireNonNull(e.getValue(), "score");
    });
    entries.sort(Map.Entry.comparingByKey());
    long now = System.currentTimeMillis();
    return db.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(RAISE_BEST_SCORE)) {
        for (Map.Entry<Long, Long> e : entries) {
          s.setLong(1, e.getValue());
          s.setLong(2, now);
          s.setLong(3, e.getKey());
          s.setLong(4, e.getValue());
          s.addBatch();
        }
        int changed = 0;
        for (int count : s.executeBatch()) {
          // SUCCESS_NO_INFO (-2) would mean "some rows, unknown how many"; neither driver we
          // target reports it for a plain UPDATE, so only real counts are added.
          changed += Math.max(count, 0);
        }
        return changed;
      }
    });
  }

  /** offset = position - size/2, clamped to [0, total - size] so the window is full when it can be. */
  static int windowOffset(long position, long total, int size) {
    long offset = Math.min(position - size / 2, total - size);
    return (int) Math.max(0, offset);
  }

  private static List<HiscoreEntry> page(Connection c, int limit, int offset) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(PAGE)) {
      s.setInt(1, limit);
      s.setInt(2, offset);
      try (ResultSet rs = s.executeQuery()) {
        List<HiscoreEntry> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(new HiscoreEntry(rs.getLong(1), rs.getString(2), rs.getLong(3)));
        }
        return rows;
      }
    }
  }

  private record Found(long playerId, long bestScore) {}

  /** position: 0-based index in board order; total: rows on the board. */
  private record Placement(long position, long total) {}

  private static Optional<Found> findPlayer(Connection c, String name) throws SQLException {
    String lookalike = Usernames.lookalikeKey(name);
    try (PreparedStatement s = c.prepareStatement(FIND_PLAYER)) {
      s.setString(1, lookalike);
      s.setString(2, LikePatterns.startsWith(Usernames.key(name)));
      s.setString(3, lookalike);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(new Found(rs.getLong(1), rs.getLong(2))) : Optional.empty();
      }
    }
  }

  private static Placement placement(Connection c, Found player) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(POSITION_AND_TOTAL)) {
      s.setLong(1, player.bestScore());
      s.setLong(2, player.bestScore());
      s.setLong(3, player.playerId());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return new Placement(rs.getLong(1), rs.getLong(2));
      }
    }
  }

  private static void requireNotNegative(int value, String what) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must not be negative, was " + value);
    }
  }
}
