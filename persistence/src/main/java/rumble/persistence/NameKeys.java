package rumble.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The Java halves of migrations V003 and V004: fill users.name_key and users.capitals_key for the
 * accounts that existed before them.
 */
final class NameKeys {
  private NameKeys() {}

  /**
   * Oldest account first, so where two existing names look alike the older one keeps the key (and
   * with it the name); the younger keeps NULL and can still log in. Returns how many rows got NULL.
   */
  static Integer backfill(Connection c) throws SQLException {
    return fill(c, "name_key", Usernames::lookalikeKey);
  }

  /** V004, the same for capital look-alikes (see {@link Usernames#capitalsKey}). */
  static Integer backfillCapitals(Connection c) throws SQLException {
    return fill(c, "capitals_key", Usernames::capitalsKey);
  }

  private static Integer fill(Connection c, String column, UnaryOperator<String> keyOf) throws SQLException {
    Set<String> taken = new HashSet<>();
    int collisions = 0;
    try (PreparedStatement select = c.prepareStatement(
            "SELECT u.id, p.name FROM users u JOIN players p ON p.user_id = u.id ORDER BY u.id");
        PreparedStatement update = c.prepareStatement("UPDATE users SET " + column + " = ? WHERE id = ?");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        String key = keyOf.apply(rows.getString(2));
        if (!taken.add(key)) {
          collisions++;
          continue;
        }
        update.setString(1, key);
        update.setLong(2, rows.getLong(1));
        update.addBatch();
      }
      update.executeBatch();
    }
    return collisions;
  }
}
