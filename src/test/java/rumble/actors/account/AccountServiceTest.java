package rumble.actors.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rumble.actors.metrics.ServerMetrics;
import rumble.persistence.AccountRepository;
import rumble.persistence.Database;
import rumble.persistence.HiscoreRepository;
import rumble.persistence.PasswordHasher;

/** Password hashing has its own bounded pool: when it is full the answer is "busy", and the database is not held up. */
class AccountServiceTest {

  @TempDir Path dataDir;

  @Test
  void aFullHashingQueueAnswersBusyWhileDatabaseCallsGoOn() throws Exception {
    ExecutorService database = Executors.newSingleThreadExecutor();
    HashingPool hashing = new HashingPool(1, 1);
    try (Database db = Database.open(dataDir, 1)) {
      AccountService accounts = new AccountService(new AccountRepository(db), new HiscoreRepository(db),
          new PasswordHasher(PasswordHasher.MIN_COST), database, hashing, new ServerMetrics());
      CountDownLatch release = new CountDownLatch(1);
      hashing.execute(() -> await(release)); // the one hashing thread is busy
      hashing.execute(() -> { });              // and the one queue slot is taken

      assertEquals(AccountService.ServerBusy.INSTANCE,
          accounts.register("Late", "correct horse", 0).toCompletableFuture().get(5, TimeUnit.SECONDS));
      assertEquals(AccountService.ServerBusy.INSTANCE,
          accounts.login("Late", "correct horse").toCompletableFuture().get(5, TimeUnit.SECONDS));
      // Reads never wait for hashing.
      assertEquals(false, accounts.isRegistered("Late").toCompletableFuture().get(1, TimeUnit.SECONDS));

      release.countDown();
      assertInstanceOf(AccountService.Registered.class, eventually(() -> accounts.register("Late", "correct horse", 0)));
    } finally {
      hashing.shutdown();
      database.shutdownNow();
    }
  }

  private interface Call {
    java.util.concurrent.CompletionStage<AccountService.RegisterResult> run();
  }

  private static AccountService.RegisterResult eventually(Call call) throws Exception {
    for (int i = 0; i < 50; i++) {
      AccountService.RegisterResult result = call.run().toCompletableFuture().get(5, TimeUnit.SECONDS);
      if (result != AccountService.ServerBusy.INSTANCE) {
        return result;
      }
      Thread.sleep(50);
    }
    return AccountService.ServerBusy.INSTANCE;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
