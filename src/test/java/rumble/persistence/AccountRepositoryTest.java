package rumble.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountRepositoryTest {
  @TempDir Path tmp;
  private Database db;
  private AccountRepository accounts;

  @BeforeEach
  void open() throws Exception {
    db = Database.open(tmp, 2);
    accounts = new AccountRepository(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aNewAccountCanBeFoundWhateverCaseTheLoginUses() throws Exception {
    Account created = accounts.create("MixedCase", "$2a$10$hash", 0xFF0000FF).orElseThrow();

    for (String login : new String[] {"MixedCase", "mixedcase", "MIXEDCASE"}) {
      Account found = accounts.findByUsername(login).orElseThrow();
      assertEquals(created, found);
      assertEquals("mixedcase", found.username());
      assertEquals("MixedCase", found.name(), "the display name keeps the typed case");
      assertEquals("$2a$10$hash", found.passwordHash());
      assertEquals(0xFF0000FF, found.color(), "opaque red is a negative int and survives");
      assertEquals(0, found.bestScore());
    }
  }

  @Test
  void aTakenUsernameInAnyCaseIsRefusedWithoutAnException() throws Exception {
    Account first = accounts.create("Bob", "h1", 1).orElseThrow();

    assertTrue(accounts.create("Bob", "h2", 2).isEmpty());
    assertTrue(accounts.create("bob", "h2", 2).isEmpty());
    assertTrue(accounts.create("BOB", "h2", 2).isEmpty());

    assertEquals(first, accounts.findByUsername("bob").orElseThrow(), "the first owner is untouched");
    assertEquals(1, DatabaseTest.count(db, "SELECT COUNT(*) FROM users"));
    assertEquals(1, DatabaseTest.count(db, "SELECT COUNT(*) FROM players"),
        "a refused registration leaves no orphan player row");
  }

  @Test
  void accentedNamesTypedDifferentlyAreTheSameAccount() throws Exception {
    String composed = "Zo\u00eb";
    String decomposed = "Zoe\u0308";
    accounts.create(composed, "h", 0).orElseThrow();

    assertTrue(accounts.create(decomposed, "h", 0).isEmpty());
    assertEquals(composed, accounts.findByUsername("ZOE\u0308").orElseThrow().name());
  }

  @Test
  void eachAccountGetsItsOwnUserAndPlayerIds() throws Exception {
    Account a = accounts.create("a", "h", 0).orElseThrow();
    Account b = accounts.create("b", "h", 0).orElseThrow();
    assertFalse(a.userId() == b.userId() || a.playerId() == b.playerId());
  }

  @Test
  void unknownUsernamesAreEmpty() throws Exception {
    accounts.create("known", "h", 0).orElseThrow();
    assertTrue(accounts.findByUsername("unknown").isEmpty());
    assertTrue(accounts.findByUsername("know").isEmpty(), "login needs the whole name");
    assertTrue(accounts.findByUsername("").isEmpty());
    assertTrue(accounts.findByUsername(null).isEmpty());
  }

  @Test
  void theAccountPrintsWithoutItsPasswordHash() throws Exception {
    Account a = accounts.create("loggable", "$2a$10$secret", 0).orElseThrow();
    assertFalse(a.toString().contains("secret"));
  }
}
