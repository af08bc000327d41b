package rumble.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** What the pool, transactions and migrations promise, on both databases (see also SqliteDatabaseTest). */
class DatabaseTest {

  @OnEveryDatabase
  void aPlayerCannotPointAtAMissingUserAndDeletingAUserDeletesItsPlayer(TestDatabase database) throws Exception {
    try (Database db = database.open(1)) {
      assertThrows(SQLException.class, () -> update(db,
          "INSERT INTO players (user_id, name, color) VALUES (999, 'ghost', 0)"));

      Account bob = new AccountRepository(db).create("Bob", "hash", -1).orElseThrow();
      update(db, "DELETE FROM users WHERE id = " + bob.userId());
      assertEquals(0, count(db, "SELECT COUNT(*) FROM players"));
    }
  }

  @OnEveryDatabase
  void migrationsRunOnceAndDataSurvivesReopening(TestDatabase database) throws Exception {
    long firstAppliedAt;
    try (Database db = database.open(2)) {
      assertEquals(4, db.schemaVersion());
      new AccountRepository(db).create("Alice", "hash", 42).orElseThrow();
      new HiscoreRepository(db).saveBestScores(
          Map.of(new AccountRepository(db).findByUsername("alice").get().playerId(), 900L));
      firstAppliedAt = count(db, "SELECT MAX(applied_at) FROM schema_migrations");
    }
    try (Database db = database.open(2)) {
      assertEquals(4, db.schemaVersion());
      assertEquals(4, count(db, "SELECT COUNT(*) FROM schema_migrations"));
      assertEquals(firstAppliedAt, count(db, "SELECT MAX(applied_at) FROM schema_migrations"));
      Account alice = new AccountRepository(db).findByUsername("ALICE").orElseThrow();
      assertEquals("Alice", alice.name());
      assertEquals(42, alice.color());
      assertEquals(900, alice.bestScore());
    }
  }

  @OnEveryDatabase
  void nodesStartingTogetherOnAnEmptyDatabaseMigrateItOnce(TestDatabase database) throws Exception {
    int nodes = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    try {
      List<Future<Database>> started = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        Callable<Database> node = () -> {
          start.await();
          return database.open(1);
        };
        started.add(pool.submit(node));
      }
      start.countDown();
      for (Future<Database> node : started) {
        assertEquals(4, node.get().schemaVersion(), "every node comes up");
      }
      Database any = started.get(0).get();
      assertEquals(4, count(any, "SELECT COUNT(*) FROM schema_migrations"), "each migration applied once");
      new AccountRepository(any).create("first", "h", 0).orElseThrow();
    } finally {
      pool.shutdownNow();
    }
  }

  @OnEveryDatabase
  void refusesToOpenADatabaseMigratedByANewerServer(TestDatabase database) throws Exception {
    try (Database db = database.open(1)) {
      update(db, "INSERT INTO schema_migrations (version, applied_at) VALUES (99, 0)");
    }
    SQLException e = assertThrows(SQLException.class, () -> database.open(1));
    assertTrue(e.getMessage().contains("newer"), e.getMessage());
  }

  @OnEveryDatabase
  void aFailedTransactionLeavesNothingBehindAndRethrowsTheSameException(TestDatabase database) throws Exception {
    try (Database db = database.open(1)) {
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

  @OnEveryDatabase
  void aTransactionThatFailsAtCommitLeavesNothingAndTheConnectionStillWorks(TestDatabase database)
      throws Exception {
    try (Database db = database.open(1)) {
      // A deferred foreign key is only checked at COMMIT, on both databases.
      update(db, "CREATE TABLE pending (user_id BIGINT REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED)");
      assertThrows(SQLException.class, () -> db.inTransaction(c -> {
        try (Statement s = c.createStatement()) {
          s.executeUpdate("INSERT INTO pending (user_id) VALUES (999)");
          s.executeUpdate("INSERT INTO users (username, password_hash, created_at) VALUES ('lost', 'x', 0)");
        }
        return null;
      }));
      assertEquals(0, count(db, "SELECT COUNT(*) FROM pending"));
      assertEquals(0, count(db, "SELECT COUNT(*) FROM users"));
      new AccountRepository(db).create("after", "h", 0).orElseThrow();
      assertEquals(1, count(db, "SELECT COUNT(*) FROM players"));
    }
  }

  @OnEveryDatabase
  void workThatForgetsToCommitDoesNotLeakIntoTheNextBorrower(TestDatabase database) throws Exception {
    try (Database db = database.open(1)) {
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

  @OnEveryDatabase
  void aConnectionClosedByTheWorkIsReplaced(TestDatabase database) throws Exception {
    try (Database db = database.open(1)) {
      db.withConnection(c -> {
        c.close();
        return null;
      });
      assertEquals(4, db.schemaVersion(), "the pool's one slot works again");
      assertTrue(db.isHealthy());
    }
  }

  @OnEveryDatabase
  void nestedBorrowingIsRefusedInsteadOfDeadlocking(TestDatabase database) throws Exception {
    try (Database db = database.open(1)) {
      assertThrows(IllegalStateException.class,
          () -> db.withConnection(c -> db.inTransaction(inner -> 1)));
      assertEquals(1, (int) db.withConnection(c -> 1), "the pool still has its connection");
    }
  }

  @OnEveryDatabase
  void healthyWhileOpenUnhealthyAndUnusableAfterClose(TestDatabase database) throws Exception {
    Database db = database.open(2);
    assertTrue(db.isHealthy());
    db.close();
    db.close();
    assertFalse(db.isHealthy());
    assertThrows(SQLException.class, () -> db.withConnection(c -> 1));
  }

  @OnEveryDatabase
  void unhealthyWhenTheTablesAreGone(TestDatabase database) throws Exception {
    try (Database db = database.open(1)) {
      update(db, "DROP TABLE schema_migrations");
      assertFalse(db.isHealthy(), "readiness must notice what the repositories would");
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
