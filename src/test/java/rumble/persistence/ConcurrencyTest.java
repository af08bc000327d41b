package rumble.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

class ConcurrencyTest {

  @OnEveryDatabase
  void fourThreadsRegisteringLoggingInAndScoringAtOnceAllSucceed(TestDatabase database) throws Exception {
    int threads = 4;
    int perThread = 50;
    try (Database db = database.open(3)) {
      AccountRepository accounts = new AccountRepository(db);
      HiscoreRepository hiscores = new HiscoreRepository(db);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Callable<Integer>> jobs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          jobs.add(() -> {
            int created = 0;
            for (int i = 0; i < perThread; i++) {
              String name = "T" + thread + "_" + i;
              Account a = accounts.create(name, "hash", thread).orElseThrow();
              created++;
              // Every thread also races for one shared name; exactly one may win it.
              accounts.create("Shared" + i, "hash", thread);
              assertEquals(a, accounts.findByUsername(name.toLowerCase()).orElseThrow());
              hiscores.saveBestScores(Map.of(a.playerId(), (long) i * 10 + thread));
              hiscores.top(10, 0);
              hiscores.windowAround("t" + thread, 10).orElseThrow();
            }
            return created;
          });
        }
        int total = 0;
        for (Future<Integer> f : pool.invokeAll(jobs)) {
          total += f.get();
        }
        assertEquals(threads * perThread, total);
      } finally {
        pool.shutdownNow();
      }

      long expectedAccounts = threads * perThread + perThread;
      assertEquals(expectedAccounts, DatabaseTest.count(db, "SELECT COUNT(*) FROM users"));
      assertEquals(expectedAccounts, DatabaseTest.count(db, "SELECT COUNT(*) FROM players"));
      assertEquals(49 * 10 + 3, hiscores.top(1, 0).get(0).score());
      assertTrue(db.isHealthy());
    }
  }

  @OnEveryDatabase
  void playersOnTwoNodesRacingForOneNameExactlyOneWins(TestDatabase database) throws Exception {
    int racers = 8;
    List<AccountRepository> nodes = List.of(new AccountRepository(database.open(2)),
        new AccountRepository(database.open(2)));
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      for (int round = 0; round < 10; round++) {
        String name = "Contested" + round;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Optional<Account>>> attempts = new ArrayList<>();
        for (int r = 0; r < racers; r++) {
          AccountRepository node = nodes.get(r % nodes.size());
          // Half of them type it in capitals: in any case it is the same name.
          String typed = r % 2 == 0 ? name.toUpperCase() : name;
          attempts.add(() -> {
            start.await();
            return node.create(typed, "hash", 0);
          });
        }
        List<Future<Optional<Account>>> results = new ArrayList<>();
        attempts.forEach(attempt -> results.add(pool.submit(attempt)));
        start.countDown();
        int winners = 0;
        for (Future<Optional<Account>> result : results) {
          winners += result.get().isPresent() ? 1 : 0;
        }
        assertEquals(1, winners, name);
        for (AccountRepository node : nodes) {
          assertTrue(node.findByUsername(name).isPresent(), "both nodes see the winner");
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
