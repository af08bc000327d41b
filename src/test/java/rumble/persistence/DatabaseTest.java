package rumble.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path tmp;

  @Test
  void createsTheDataDirectoryAndTheDatabaseFileInIt() throws Exception {
    Path dataDir = tmp.resolve("does/not/exist/yet");
    try (Database db = Database.open(dataDir, 2)) {
      assertEquals(dataDir.resolve("rumble.db"), db.file());
      assertTrue(Files.isRegularFile(db.file()));
      assertEquals(2, db.poolSize());
    }
  }

  @Test
  void everyPooledConnectionUsesWalAndEnforcesForeignKeys() throws Exception {
    try (Database db = Database.open(tmp, 3)) {
      List<Connection> seen = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        db.withConnection(c -> {
          seen.add(c);
          assertEquals("wal", pragma(c, "journal_mode"));
          assertEquals("1", pragma(c, "foreign_keys"));
          return null;
        });
      }
      assertEquals(3, seen.stream().distinct().count(), "the pool hands out all its connections");
    }
  }

  @Test
  void aPlayerCannotPointAtAMissingUserAndDeletingAUserDeletesItsPlayer() throws Exception {
    try (Database db = Database.open(tmp, 1)) {
      assertThrows(SQLException.class, () -> update(db,
          "INSERT INTO players (user_id, name, color) VALUES (999, 'ghost', 0)"));

      Account bob = new AccountRepository(db).create("Bob", "hash", -1).orElseThrow();
      update(db, "DELETE FROM users WHERE id = " + bob.userId());
      assertEquals(0, count(db, "SELECT COUNT(*) FROM players"));
    }
  }

  @Test
  void migrationsRunOnceAndDataSurvivesReopening() throws Exception {
    long firstAppliedAt;
    try (Database db = Database.open(tmp, 2)) {
      assertEquals(4, db.schemaVersion());
      new AccountRepository(db).create("Alice", "hash", 42).orElseThrow();
      new HiscoreRepository(db).saveBestScores(
          java.util.Map.of(new AccountRepository(db).findByUsername("alice").get().playerId(), 900L));
      firstAppliedAt = count(db, "SELECT MAX(applied_at) FROM schema_migrations");
    }
    try (Database db = Database.open(tmp, 2)) {
      assertEquals(4, db.schemaVersion());
      assertEquals(4, count(db, "SELECT COUNT(*) FROM schema_migrations"));
      assertEquals(firstAppliedAt, count(db, "SELECT MAX(applied_at) FROM schema_migrations"));
      Account alice = new AccountRepository(db).findByUsername("ALICE").orElseThrow();
      assertEquals("Alice", alice.name());
      assertEquals(42, alice.color());
      assertEquals(900, alice.bestScore());
    }
  }

  @Test
  void refusesToOpenADatabaseMigratedByANewerServer() throws Exception {
    try (Database db = Database.open(tmp, 1)) {
      update(db, "INSERT INTO schema_migrations (version, applied_at) VALUES (99, 0)");
    }
    SQLException e = assertThrows(SQLException.class, () -> Database.open(tmp, 1));
    assertTrue(e.getMessage().contains("newer"), e.getMessage());
  }

  @Test
  void aFailedTransactionLeavesNothingBehindAndRethrowsTheSameException() throws Exception {
    try (Database db = Database.open(tmp, 1)) {
      IllegalStateException boom = new IllegalStateException("boom");
      IllegalStateException thrown = assertThrows(IllegalStateException.class,
          () -> db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
              s.executeUpdate("INSERT INTO users (username, password_hash, created_at)"
                  + " VALUES ('half', 'x', 0)");
            }
            throw boom;
          }));
      assertSame(boom, thrown);
      assertEquals(0, count(db, "SELECT COUNT(*) FROM users"));
      assertEquals(7, (int) db.inTransaction(c -> 7), "the connection is usable afterwards");
    }
  }

  @Test
  void aTransactionThatFailsAtCommitLeavesNothingAndTheConnectionStillWorks() throws Exception {
    try (Database db = Database.open(tmp, 1)) {
      assertThrows(SQLException.class, () -> db.inTransaction(c -> {
        try (Statement s = c.createStatement()) {
          s.execute("PRAGMA defer_foreign_keys = ON"); // the orphan is only caught at COMMIT
          s.executeUpdate("INSERT INTO players (user_id, name, color) VALUES (999, 'orphan', 0)");
        }
        return null;
      }));
      assertEquals(0, count(db, "SELECT COUNT(*) FROM players"));
      new AccountRepository(db).create("after", "h", 0).orElseThrow();
      assertEquals(1, count(db, "SELECT COUNT(*) FROM players"));
    }
  }

  @Test
  void workThatForgetsToCommitDoesNotLeakIntoTheNextBorrower() throws Exception {
    try (Database db = Database.open(tmp, 1)) {
      db.withConnection(c -> {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
          s.executeUpdate("INSERT INTO users (username, password_hash, created_at)"
              + " VALUES ('forgotten', 'x', 0)");
        }
        return null;
      });
      assertEquals(0, count(db, "SELECT COUNT(*) FROM users"));
      assertTrue(db.withConnection(Connection::getAutoCommit));
    }
  }

  @Test
  void nestedBorrowingIsRefusedInsteadOfDeadlocking() throws Exception {
    try (Database db = Database.open(tmp, 1)) {
      assertThrows(IllegalStateException.class,
          () -> db.withConnection(c -> db.inTransaction(inner -> 1)));
      assertEquals(1, (int) db.withConnection(c -> 1), "the pool still has its connection");
    }
  }

  @Test
  void healthyWhileOpenUnhealthyAndUnusableAfterClose() throws Exception {
    Database db = Database.open(tmp, 2);
    assertTrue(db.isHealthy());
    db.close();
    db.close();
    assertFalse(db.isHealthy());
    assertThrows(SQLException.class, () -> db.withConnection(c -> 1));
  }

  @Test
  void poolSizeMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> Database.open(tmp, 0));
  }

  static String pragma(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  static long count(Database db, String sql) throws SQLException {
    return db.withConnection(c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  static void update(Database db, String sql) throws SQLException {
    db.withConnection(c -> {
      try (Statement s = c.createStatement()) {
        return s.executeUpdate(sql);
      }
    });
  }
}
