package rumble.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, Why 6: names that only look different (another script's letters, fullwidth forms, case)
 * are one name: one account may hold it, and search finds it however it is typed.
 */
class LookalikeNamesTest {

  private static final String CYRILLIC_A = "\u0430lpha";
  private static final String FULLWIDTH = "\uFF41\uFF4C\uFF50\uFF48\uFF41";
  private static final String GREEK_CAPITALS = "\u0391LPHA";
  /** Alpha, L, Rho, Eta, Alpha: every letter but the L Greek; lower-cased the eta looks like "n". */
  private static final String ALL_GREEK_CAPITALS = "\u0391L\u03A1\u0397\u0391";

  @Test
  void lookAlikesShareOneKeyAndDifferentNamesDoNot() {
    for (String lookalike : List.of("alpha", "Alpha", CYRILLIC_A, FULLWIDTH, GREEK_CAPITALS)) {
      assertEquals("alpha", Usernames.lookalikeKey(lookalike), lookalike);
    }
    assertEquals(Usernames.lookalikeKey("B0B"), Usernames.lookalikeKey("bob"), "zero and O look alike");
    assertFalse(Usernames.lookalikeKey("alpha").equals(Usernames.lookalikeKey("alpha2")));
    assertFalse(Usernames.lookalikeKey("Ölaf").equals(Usernames.lookalikeKey("Olaf")), "accents matter");
  }

  @OnEveryDatabase
  void aLookAlikeOfARegisteredNameCannotBeRegisteredAndCountsAsTaken(TestDatabase database) throws Exception {
    try (Database db = database.open(2)) {
      AccountRepository accounts = new AccountRepository(db);
      Account alpha = accounts.create("alpha", "h", 0).orElseThrow();
      for (String lookalike : List.of(CYRILLIC_A, FULLWIDTH, GREEK_CAPITALS, ALL_GREEK_CAPITALS)) {
        assertTrue(accounts.create(lookalike, "h", 0).isEmpty(), lookalike + " must not be registered");
        assertTrue(accounts.isNameTaken(lookalike), lookalike);
        assertTrue(accounts.findByUsername(lookalike).isEmpty(), "a login must spell the name itself");
      }
      assertEquals(1, DatabaseTest.count(db, "SELECT COUNT(*) FROM users"));
      assertFalse(accounts.isNameTaken("alphabet"));
      assertEquals(alpha, accounts.findByUsername("ALPHA").orElseThrow());
    }
  }

  @OnEveryDatabase
  void hiscoreSearchFindsTheNameTypedWithLookAlikeLetters(TestDatabase database) throws Exception {
    try (Database db = database.open(2)) {
      Board board = new Board(db);
      board.add("alphabet", 900); // a better-scoring prefix match must not win over the exact name
      board.add("alpha", 100);
      HiscoreRepository hiscores = new HiscoreRepository(db);
      for (String typed : List.of(CYRILLIC_A, FULLWIDTH, GREEK_CAPITALS, "alpha")) {
        List<HiscoreEntry> window = hiscores.windowAround(typed, 1).orElseThrow();
        assertEquals("alpha", window.get(0).name(), typed);
      }
    }
  }

  @OnEveryDatabase
  void migrationThreeGivesExistingAccountsTheirKeyAndTheOlderOfTwoLookAlikesKeepsIt(TestDatabase database)
      throws Exception {
    // A database as the server left it before V003, holding two names that look alike.
    try (Connection c = databaseAtVersion(database, 2)) {
      for (String name : List.of("Alpha", "Bob", CYRILLIC_A)) {
        insertAccount(c, name, null);
      }
    }
    try (Database db = database.open(2)) {
      assertEquals(4, db.schemaVersion());
      assertEquals("alpha", key(db, "name_key", "Alpha"));
      assertEquals("bob", key(db, "name_key", "Bob"));
      assertNull(key(db, "name_key", CYRILLIC_A), "the younger look-alike keeps no key");
      AccountRepository accounts = new AccountRepository(db);
      assertTrue(accounts.findByUsername(CYRILLIC_A).isPresent(), "but can still log in");
      assertTrue(accounts.create(FULLWIDTH, "h", 0).isEmpty(), "and nobody can add a third");
      assertTrue(accounts.create("carol", "h", 0).isPresent());
    }
  }

  @OnEveryDatabase
  void capitalLookAlikesAreTakenInEitherOrderAndDifferentNamesAreNot(TestDatabase database) throws Exception {
    try (Database db = database.open(2)) {
      AccountRepository accounts = new AccountRepository(db);
      accounts.create(ALL_GREEK_CAPITALS, "h", 0).orElseThrow();
      for (String lookalike : List.of("alpha", "ALPHA", CYRILLIC_A, FULLWIDTH)) {
        assertTrue(accounts.isNameTaken(lookalike), lookalike);
        assertTrue(accounts.create(lookalike, "h", 0).isEmpty(), lookalike);
      }
      assertFalse(accounts.isNameTaken("\u039C\u0391\u03A1\u0399\u0391"), "Greek MAPIA is not alpha");
      assertTrue(accounts.create("maria", "h", 0).isPresent(), "a Greek rho is a P, not an R");
    }
  }

  @OnEveryDatabase
  void migrationFourGivesExistingAccountsTheirCapitalsKeyAndTheOlderLookAlikeKeepsIt(TestDatabase database)
      throws Exception {
    // A database as the server left it before V004: both names got a name_key, as they differ.
    try (Connection c = databaseAtVersion(database, 3)) {
      for (String name : List.of("alpha", ALL_GREEK_CAPITALS)) {
        insertAccount(c, name, Usernames.lookalikeKey(name));
      }
    }
    try (Database db = database.open(2)) {
      assertEquals(4, db.schemaVersion());
      assertEquals("ALPHA", key(db, "capitals_key", "alpha"));
      assertNull(key(db, "capitals_key", ALL_GREEK_CAPITALS), "the younger look-alike keeps no key");
      assertTrue(new AccountRepository(db).findByUsername(ALL_GREEK_CAPITALS).isPresent(), "but can still log in");
    }
  }

  /** A connection to the test database, migrated by hand up to {@code version}. */
  private static Connection databaseAtVersion(TestDatabase database, int version) throws SQLException {
    Connection c = database.connect();
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
      for (Migration migration : Migrations.load(database.dialect()).subList(0, version)) {
        for (String sql : SqlScript.statements(migration.sql())) {
          s.execute(sql);
        }
        s.execute("INSERT INTO schema_migrations VALUES (" + migration.version() + ", 0)");
      }
    }
    return c;
  }

  /** A user and its player as an older server stored them; ids come in insertion order, so older first. */
  private static void insertAccount(Connection c, String name, String nameKey) throws SQLException {
    String columns = nameKey == null ? "" : ", name_key";
    try (PreparedStatement user = c.prepareStatement("INSERT INTO users (username, password_hash, created_at"
            + columns + ") VALUES (?, 'h', 0" + (nameKey == null ? "" : ", ?") + ")");
        PreparedStatement player = c.prepareStatement("INSERT INTO players (user_id, name, color)"
            + " SELECT id, ?, 0 FROM users WHERE username = ?")) {
      user.setString(1, name.toLowerCase());
      if (nameKey != null) {
        user.setString(2, nameKey);
      }
      user.executeUpdate();
      player.setString(1, name);
      player.setString(2, name.toLowerCase());
      player.executeUpdate();
    }
  }

  /** The user's key column, found by the name the player was given. */
  private static String key(Database db, String column, String name) throws Exception {
    return db.withConnection(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT u." + column
          + " FROM users u JOIN players p ON p.user_id = u.id WHERE p.name = ?")) {
        s.setString(1, name);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    });
  }
}
