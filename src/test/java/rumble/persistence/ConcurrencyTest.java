package rumble.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {
  @TempDir Path tmp;

  @Test
  void fourThreadsRegisteringLoggingInAndScoringAtOnceAllSucceed() throws Exception {
    int threads = 4;
    int perThread = 50;
    try (Database db = Database.open(tmp, 3)) {
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
}
