package rumble.actors.account;

import com.typesafe.config.Config;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import rumble.actors.metrics.ServerMetrics;
import rumble.persistence.Account;
import rumble.persistence.AccountRepository;
import rumble.persistence.Database;
import rumble.persistence.HiscoreEntry;
import rumble.persistence.HiscoreRepository;
import rumble.persistence.PasswordHasher;

/**
 * Accounts and hiscores as asynchronous calls, never on an actor's thread; actors get the result
 * back with {@code pipeToSelf}. JDBC runs on the database executor (the {@code
 * rumble.blocking-dispatcher}, which the readiness probe uses too), bcrypt on the {@link
 * HashingPool}: a burst of password hashing can then neither delay database reads nor make the node
 * look dead. Each step's latency is recorded in metrics.
 */
public final class AccountService {

  public sealed interface LoginResult {}

  public record LoggedIn(Account account) implements LoginResult {}

  public enum WrongCredentials implements LoginResult { INSTANCE }

  public sealed interface RegisterResult {}

  public record Registered(Account account) implements RegisterResult {}

  public enum UsernameTaken implements RegisterResult { INSTANCE }

  /** The hashing queue was full: nothing was checked or stored; the client may try again shortly. */
  public enum ServerBusy implements LoginResult, RegisterResult { INSTANCE }

  private final AccountRepository accounts;
  private final HiscoreRepository hiscores;
  private final PasswordHasher hasher;
  private final Executor database;
  private final Executor hashing;
  private final ServerMetrics metrics;

  public AccountService(AccountRepository accounts, HiscoreRepository hiscores, PasswordHasher hasher,
      Executor database, Executor hashing, ServerMetrics metrics) {
    this.accounts = accounts;
    this.hiscores = hiscores;
    this.hasher = hasher;
    this.database = database;
    this.hashing = hashing;
    this.metrics = metrics;
  }

  /** From {@code rumble.accounts}, with its own {@link HashingPool}; JDBC runs on {@code database}. */
  public static AccountService fromConfig(Config accountsConfig, Database db, Executor database,
      ServerMetrics metrics) {
    HashingPool pool = HashingPool.fromConfig(accountsConfig.getConfig("hashing"));
    metrics.hashingQueue(pool::queued);
    return new AccountService(new AccountRepository(db), new HiscoreRepository(db),
        new PasswordHasher(accountsConfig.getInt("bcrypt-cost")), database, pool, metrics);
  }

  /** Unknown users are checked against a dummy hash, so timing does not reveal which names exist. */
  public CompletionStage<LoginResult> login(String username, String password) {
    return busyAs(ServerBusy.INSTANCE, onDatabase("login_lookup", () -> accounts.findByUsername(username))
        .thenCompose(account -> hashing("password_verify", () -> {
          String hash = account.map(Account::passwordHash).orElseGet(hasher::dummyHash);
          boolean matches = hasher.verify(password, hash);
          return account.isPresent() && matches ? new LoggedIn(account.get()) : WrongCredentials.INSTANCE;
        })));
  }

  public CompletionStage<RegisterResult> register(String username, String password, int color) {
    return busyAs(ServerBusy.INSTANCE, hashing("password_hash", () -> hasher.hash(password))
        .thenCompose(hash -> onDatabase("register_insert", () -> accounts.create(username, hash, color)
            .<RegisterResult>map(Registered::new)
            .orElse(UsernameTaken.INSTANCE))));
  }

  /** Whether a registered account's name looks like this one (any case, width or look-alike letters). */
  public CompletionStage<Boolean> isRegistered(String name) {
    return onDatabase("name_lookup", () -> accounts.isNameTaken(name));
  }

  public CompletionStage<List<HiscoreEntry>> topHiscores(int count) {
    return onDatabase("hiscores_top", () -> hiscores.top(count, 0));
  }

  public CompletionStage<Optional<List<HiscoreEntry>>> searchHiscores(String name, int count) {
    return onDatabase("hiscores_search", () -> hiscores.windowAround(name, count));
  }

  /** Raises stored best scores (player id → score) in one batch; never lowers one. */
  public CompletionStage<Integer> saveBestScores(Map<Long, Long> scoreByPlayerId) {
    return onDatabase("save_best_scores", () -> hiscores.saveBestScores(scoreByPlayerId));
  }

  private interface Blocking<T> {
    T run() throws SQLException;
  }

  private <T> CompletableFuture<T> onDatabase(String operation, Blocking<T> work) {
    return run(operation, work, database);
  }

  /** The hashing queue was full; turned into {@link ServerBusy} by {@link #busyAs}. */
  private static final class HashingBusy extends RuntimeException {
    HashingBusy() {
      super("hashing queue full", null, false, false);
    }
  }

  private <T> CompletableFuture<T> hashing(String operation, Blocking<T> work) {
    try {
      return run(operation, work, hashing);
    } catch (RejectedExecutionException full) {
      metrics.rejected("server_busy");
      return CompletableFuture.failedFuture(new HashingBusy());
    }
  }

  /** A full hashing queue is an answer for the client ("Server busy"), not an internal failure. */
  private static <T> CompletionStage<T> busyAs(T busy, CompletableFuture<T> call) {
    return call.exceptionallyCompose(failure -> {
      Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
      return cause instanceof HashingBusy ? CompletableFuture.completedFuture(busy) : CompletableFuture.failedFuture(cause);
    });
  }

  private <T> CompletableFuture<T> run(String operation, Blocking<T> work, Executor executor) {
    CompletableFuture<T> result = new CompletableFuture<>();
    executor.execute(() -> {
      long start = System.nanoTime();
      try {
        result.complete(work.run());
      } catch (Exception | LinkageError e) {
        result.completeExceptionally(e);
      } finally {
        metrics.dbCall(operation, System.nanoTime() - start);
      }
    });
    return result;
  }
}
