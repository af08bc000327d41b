package rumble.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @TempDir Path tmp;

  @Test
  void lookAlikesShareOneKeyAndDifferentNamesDoNot() {
    for (String lookalike : List.of("alpha", "Alpha", CYRILLIC_A, FULLWIDTH, GREEK_CAPITALS)) {
      assertEquals("alpha", Usernames.lookalikeKey(lookalike), lookalike);
    }
    assertEquals(Usernames.lookalikeKey("B0B"), Usernames.lookalikeKey("bob"), "zero and O look alike");
    assertFalse(Usernames.lookalikeKey("alpha").equals(Usernames.lookalikeKey("alpha2")));
    assertFalse(Usernames.lookalikeKey("Ölaf").equals(Usernames.lookalikeKey("Olaf")), "accents matter");
  }

  @Test
  void aLookAlikeOfARegisteredNameCannotBeRegisteredAndCountsAsTaken() throws Exception {
    try (Database db = Database.open(tmp, 2)) {
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

  @Test
  void hiscoreSearchFindsTheNameTypedWithLookAlikeLetters() throws Exception {
    try (Database db = Database.open(tmp, 2)) {
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

  @Test
  void migrationThreeGivesExistingAccountsTheirKeyAndTheOlderOfTwoLookAlikesKeepsIt() throws Exception {
    // A database as the server left it before V003, holding two names that look alike.
    try (Connection c = databaseAtVersion(2); Statement s = c.createStatement()) {
      long id = 1;
      for (String name : List.of("Alpha", "Bob", CYRILLIC_A)) {
        s.execute("INSERT INTO users (id, username, password_hash, created_at) VALUES (" + id + ", '"
            + name.toLowerCase() + "', 'h', 0)");
        s.execute("INSERT INTO players (user_id, name, color) VALUES (" + id++ + ", '" + name + "', 0)");
      }
    }
    try (Database db = Database.open(tmp, 2)) {
      assertEquals(4, db.schemaVersion());
      assertEquals("alpha", nameKey(db, 1));
      assertEquals("bob", nameKey(db, 2));
      assertNull(nameKey(db, 3), "the younger look-alike keeps no key");
      AccountRepository accounts = new AccountRepository(db);
      assertTrue(accounts.findByUsername(CYRILLIC_A).isPresent(), "but can still log in");
      assertTrue(accounts.create(FULLWIDTH, "h", 0).isEmpty(), "and nobody can add a third");
      assertTrue(accounts.create("carol", "h", 0).isPresent());
    }
  }

  @Test
  void capitalLookAlikesAreTakenInEitherOrderAndDifferentNamesAreNot() throws Exception {
    try (Database db = Database.open(tmp, 2)) {
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

  @Test
  void migrationFourGivesExistingAccountsTheirCapitalsKeyAndTheOlderLookAlikeKeepsIt() throws Exception {
    // A database as the server left it before V004: both names got a name_key, as they differ.
    try (Connection c = databaseAtVersion(3); Statement s = c.createStatement()) {
      long id = 1;
      for (String name : List.of("alpha", ALL_GREEK_CAPITALS)) {
        s.execute("INSERT INTO users (id, username, name_key, password_hash, created_at) VALUES (" + id + ", '"
            + name.toLowerCase() + "', '" + Usernames.lookalikeKey(name) + "', 'h', 0)");
        s.execute("INSERT INTO players (user_id, name, color) VALUES (" + id++ + ", '" + name + "', 0)");
      }
    }
    try (Database db = Database.open(tmp, 2)) {
      assertEquals(4, db.schemaVersion());
      assertEquals("ALPHA", key(db, "capitals_key", 1));
      assertNull(key(db, "capitals_key", 2), "the younger look-alike keeps no key");
      assertTrue(new AccountRepository(db).findByUsername(ALL_GREEK_CAPITALS).isPresent(), "but can still log in");
    }
  }

  /** A connection to the database file, migrated by hand up to {@code version}. */
  private Connection databaseAtVersion(int version) throws Exception {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve(Database.FILE_NAME));
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
      for (Migration migration : Migrations.load().subList(0, version)) {
        for (String sql : SqlScript.statements(migration.sql())) {
          s.execute(sql);
        }
        s.execute("INSERT INTO schema_migrations VALUES (" + migration.version() + ", 0)");
      }
    }
    return c;
  }

  private static String nameKey(Database db, long userId) throws Exception {
    return key(db, "name_key", userId);
  }

  private static String key(Database db, String column, long userId) throws Exception {
    return db.withConnection(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM users WHERE id = ?")) {
        s.setLong(1, userId);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    });
  }
}
