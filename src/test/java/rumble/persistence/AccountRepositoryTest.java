package rumble.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;

class AccountRepositoryTest {
  private TestDatabase database;
  private Database db;
  private AccountRepository accounts;

  @BeforeEach
  void open(TestDatabase database) throws Exception {
    this.database = database;
    db = database.open(2);
    accounts = new AccountRepository(db);
  }

  @OnEveryDatabase
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

  @OnEveryDatabase
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

  @OnEveryDatabase
  void accentedNamesTypedDifferentlyAreTheSameAccount() throws Exception {
    String composed = "Zo\u00eb";
    String decomposed = "Zoe\u0308";
    accounts.create(composed, "h", 0).orElseThrow();

    assertTrue(accounts.create(decomposed, "h", 0).isEmpty());
    assertEquals(composed, accounts.findByUsername("ZOE\u0308").orElseThrow().name());
  }

  @OnEveryDatabase
  void eachAccountGetsItsOwnUserAndPlayerIds() throws Exception {
    Account a = accounts.create("a", "h", 0).orElseThrow();
    Account b = accounts.create("b", "h", 0).orElseThrow();
    assertFalse(a.userId() == b.userId() || a.playerId() == b.playerId());
  }

  @OnEveryDatabase
  void unknownUsernamesAreEmpty() throws Exception {
    accounts.create("known", "h", 0).orElseThrow();
    assertTrue(accounts.findByUsername("unknown").isEmpty());
    assertTrue(accounts.findByUsername("know").isEmpty(), "login needs the whole name");
    assertTrue(accounts.findByUsername("").isEmpty());
    assertTrue(accounts.findByUsername(null).isEmpty());
  }

  @OnEveryDatabase
  void theAccountPrintsWithoutItsPasswordHash() throws Exception {
    Account a = accounts.create("loggable", "$2a$10$secret", 0).orElseThrow();
    assertFalse(a.toString().contains("secret"));
  }

  @OnEveryDatabase
  void aNameRegisteredThroughOneNodeCannotBeRegisteredThroughAnother() throws Exception {
    AccountRepository otherNode = new AccountRepository(database.open(1));
    Account first = accounts.create("Nodeless", "h1", 1).orElseThrow();

    assertTrue(otherNode.create("NODELESS", "h2", 2).isEmpty());
    assertTrue(otherNode.isNameTaken("nodeless"));
    assertEquals(first, otherNode.findByUsername("nodeless").orElseThrow(), "and it logs in there too");
    for (String name : List.of("Second", "Third")) {
      otherNode.create(name, "h", 0).orElseThrow();
      assertTrue(accounts.create(name, "h", 0).isEmpty(), "and the other way round: " + name);
    }
  }
}
