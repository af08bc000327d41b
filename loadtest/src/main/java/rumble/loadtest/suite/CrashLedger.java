package rumble.loadtest.suite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the crash suite's writers did in one round, kept by many threads at once: which writes the
 * server acknowledged and which were still in flight when it was killed. Acknowledged means:
 * <ul>
 *   <li>a registration the server answered with Ok (the account row is committed before the Ok);</li>
 *   <li>a best score the hiscore board showed for the account (the board is read from the
 *       database, so a score on it has been committed).</li>
 * </ul>
 * In flight: a registration sent and not answered, and a score the room's leaderboard showed
 * (higher than the acknowledged one) that the write-behind may or may not have written yet.
 */
final class CrashLedger {

  record Account(String name, String password) {}

  private final Set<Account> sent = new LinkedHashSet<>();
  private final List<Account> acknowledged = new ArrayList<>();
  private final Map<String, Long> boardScores = new HashMap<>();
  private final Map<String, Long> reached = new HashMap<>();
  private final List<String> errors = new ArrayList<>();

  synchronized void registering(Account account) {
    sent.add(account);
  }

  synchronized void registered(Account account) {
    sent.remove(account);
    acknowledged.add(account);
  }

  /** Denied (a wrong answer would be caught as an error elsewhere): neither written nor in flight. */
  synchronized void refused(Account account) {
    sent.remove(account);
  }

  synchronized void onBoard(String name, long score) {
    boardScores.merge(name, score, Math::max);
  }

  synchronized void reached(String name, long score) {
    reached.merge(name, score, Math::max);
  }

  /** A writer failed while the server was still up: the suite's own fault or the server's. */
  synchronized void error(String what) {
    errors.add(what);
  }

  synchronized List<Account> acknowledgedAccounts() {
    return List.copyOf(acknowledged);
  }

  synchronized List<Account> inFlightAccounts() {
    return List.copyOf(sent);
  }

  synchronized Map<String, Long> acknowledgedScores() {
    return Map.copyOf(boardScores);
  }

  /** Scores seen on a leaderboard above what the board had acknowledged for the account. */
  synchronized Map<String, Long> inFlightScores() {
    Map<String, Long> flying = new HashMap<>();
    reached.forEach((name, score) -> {
      if (score > boardScores.getOrDefault(name, 0L)) {
        flying.put(name, score);
      }
    });
    return flying;
  }

  synchronized List<String> errors() {
    return List.copyOf(errors);
  }
}
