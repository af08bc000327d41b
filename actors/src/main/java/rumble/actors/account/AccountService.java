package rumble.actors.account;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import rumble.actors.metrics.ServerMetrics;
import rumble.persistence.Account;
import rumble.persistence.AccountRepository;
import rumble.persistence.HiscoreEntry;
import rumble.persistence.HiscoreRepository;
import rumble.persistence.PasswordHasher;

/**
 * Accounts and hiscores as asynchronous calls. Every JDBC call and every password hash runs on the
 * blocking executor handed in (the {@code rumble.blocking-dispatcher}), never on an actor's thread;
 * actors get the result back with {@code pipeToSelf}. Each call's latency is recorded in metrics.
 */
public final class AccountService {

  public sealed interface LoginResult {}

  public record LoggedIn(Account account) implements LoginResult {}

  public enum WrongCredentials implements LoginResult { INSTANCE }

  public sealed interface RegisterResult {}

  public record Registered(Account account) implements RegisterResult {}

  public enum UsernameTaken implements RegisterResult { INSTANCE }

  private final AccountRepository accounts;
  private final HiscoreRepository hiscores;
  private final PasswordHasher hasher;
  private final Executor blocking;
  private final ServerMetrics metrics;

  public AccountService(AccountRepository accounts, HiscoreRepository hiscores, PasswordHasher hasher,
      Executor blocking, ServerMetrics metrics) {
    this.accounts = accounts;
    this.hiscores = hiscores;
    this.hasher = hasher;
    this.blocking = blocking;
    this.metrics = metrics;
  }

  /** Unknown users are checked against a dummy hash, so timing does not reveal which names exist. */
  public CompletionStage<LoginResult> login(String username, String password) {
    return call("login", () -> {
      Optional<Account> account = accounts.findByUsername(username);
      String hash = account.map(Account::passwordHash).orElseGet(hasher::dummyHash);
      boolean matches = hasher.verify(password, hash);
      return account.isPresent() && matches
          ? new LoggedIn(account.get())
          : WrongCredentials.INSTANCE;
    });
  }

  public CompletionStage<RegisterResult> register(String username, String password, int color) {
    return call("register", () -> {
      String hash = hasher.hash(password);
      return accounts.create(username, hash, color)
          .<RegisterResult>map(Registered::new)
          .orElse(UsernameTaken.INSTANCE);
    });
  }

  /** Whether a registered account already uses this name (in any letter case). */
  public CompletionStage<Boolean> isRegistered(String name) {
    return call("name_lookup", () -> accounts.findByUsername(name).isPresent());
  }

  public CompletionStage<List<HiscoreEntry>> topHiscores(int count) {
    return call("hiscores_top", () -> hiscores.top(count, 0));
  }

  public CompletionStage<Optional<List<HiscoreEntry>>> searchHiscores(String name, int count) {
    return call("hiscores_search", () -> hiscores.windowAround(name, count));
  }

  /** Raises stored best scores (player id → score) in one batch; never lowers one. */
  public CompletionStage<Integer> saveBestScores(java.util.Map<Long, Long> scoreByPlayerId) {
    return call("save_best_scores", () -> hiscores.saveBestScores(scoreByPlayerId));
  }

  private interface Blocking<T> {
    T run() throws SQLException;
  }

  private <T> CompletionStage<T> call(String operation, Blocking<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    blocking.execute(() -> {
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
