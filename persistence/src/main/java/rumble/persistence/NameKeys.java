package rumble.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/** The Java half of migration V003: fills users.name_key for the accounts that existed before it. */
final class NameKeys {
  private NameKeys() {}

  /**
   * Oldest account first, so where two existing names look alike the older one keeps the key (and
   * with it the name); the younger keeps NULL and can still log in. Returns how many rows got NULL.
   */
  static Integer backfill(Connection c) throws SQLException {
    Set<String> taken = new HashSet<>();
    int collisions = 0;
    try (PreparedStatement select = c.prepareStatement(
            "SELECT u.id, p.name FROM users u JOIN players p ON p.user_id = u.id ORDER BY u.id");
        PreparedStatement update = c.prepareStatement("UPDATE users SET name_key = ? WHERE id = ?");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        String key = Usernames.lookalikeKey(rows.getString(2));
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
