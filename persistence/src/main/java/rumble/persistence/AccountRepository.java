package rumble.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/** Registration and login lookups. Thread-safe; every method blocks on the database. */
public final class AccountRepository {
  private static final String FIND_BY_USERNAME =
      "SELECT u.id, p.id, u.username, p.name, u.password_hash, p.color, p.best_score"
          + " FROM users u JOIN players p ON p.user_id = u.id"
          + " WHERE u.username = ?";
  // ON CONFLICT DO NOTHING returns no row for a taken name. Unlike catching the unique violation
  // it needs no driver-specific error codes and does not abort a PostgreSQL transaction.
  private static final String NAME_TAKEN = "SELECT 1 FROM users WHERE name_key = ? OR capitals_key = ?";
  // No conflict target: a taken username and a taken look-alike key (name_key, capitals_key) all
  // refuse the row.
  private static final String INSERT_USER =
      "INSERT INTO users (username, name_key, capitals_key, password_hash, created_at) VALUES (?, ?, ?, ?, ?)"
          + " ON CONFLICT DO NOTHING RETURNING id";
  private static final String INSERT_PLAYER =
      "INSERT INTO players (user_id, name, color) VALUES (?, ?, ?) RETURNING id";

  private final Database db;

  public AccountRepository(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** username is lower-cased before lookup. Empty for an unknown (or null) username. */
  public Optional<Account> findByUsername(String username) throws SQLException {
    if (username == null) {
      return Optional.empty();
    }
    String key = Usernames.key(username);
    return db.withConnection(c -> {
      try (PreparedStatement s = c.prepareStatement(FIND_BY_USERNAME)) {
        s.setString(1, key);
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          return Optional.of(new Account(rs.getLong(1), rs.getLong(2), rs.getString(3),
              rs.getString(4), rs.getString(5), rs.getInt(6), rs.getLong(7)));
        }
      }
    });
  }

  /**
   * Whether a registered name looks like {@code name}: the same letters in any case, width or
   * script that merely looks the same ("аlpha" with a Cyrillic а for "alpha"). False for null.
   */
  public boolean isNameTaken(String name) throws SQLException {
    if (name == null) {
      return false;
    }
    String lookalike = Usernames.lookalikeKey(name);
    String capitals = Usernames.capitalsKey(name);
    return db.withConnection(c -> {
      try (PreparedStatement s = c.prepareStatement(NAME_TAKEN)) {
        s.setString(1, lookalike);
        s.setString(2, capitals);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  /**
   * Inserts the user (username lower-cased) and its player row (name keeps the typed case) in ONE
   * transaction. Returns empty when the username is taken in any case, or a registered name looks
   * like it ({@link #isNameTaken}); never throws for that.
   * Validate with {@link AccountRules} first: this method stores whatever it is given.
   */
  public Optional<Account> create(String username, String passwordHash, int color)
      throws SQLException {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(passwordHash, "passwordHash");
    String key = Usernames.key(username);
    String name = Usernames.displayName(username);
    return db.inTransaction(c -> {
      Optional<Long> userId = insertUser(c, key, name, passwordHash);
      if (userId.isEmpty()) {
        return Optional.empty();
      }
      long playerId = insertPlayer(c, userId.get(), name, color);
      return Optional.of(new Account(userId.get(), playerId, key, name, passwordHash, color, 0));
    });
  }

  private static Optional<Long> insertUser(Connection c, String key, String name, String passwordHash)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_USER)) {
      s.setString(1, key);
      s.setString(2, Usernames.lookalikeKey(name));
      s.setString(3, Usernames.capitalsKey(name));
      s.setString(4, passwordHash);
      s.setLong(5, System.currentTimeMillis());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  private static long insertPlayer(Connection c, long userId, String name, int color)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_PLAYER)) {
      s.setLong(1, userId);
      s.setString(2, name);
      s.setInt(3, color);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("INSERT INTO players returned no id");
        }
        return rs.getLong(1);
      }
    }
  }
}
