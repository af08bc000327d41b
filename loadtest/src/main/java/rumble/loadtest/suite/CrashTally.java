package rumble.loadtest.suite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The crash suite's counts over all rounds, and the figures and checks they make. */
final class CrashTally {

  private int rounds;
  private int integrityOk;
  private final List<String> integrityProblems = new ArrayList<>();
  private final List<Long> restartMillis = new ArrayList<>();
  private final Writes accounts = new Writes();
  private final Writes scores = new Writes();
  private final List<String> lost = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  /** Rounds killed before an account and a score were acknowledged: they would prove nothing. */
  private final List<Integer> idleRounds = new ArrayList<>();

  void written(CrashLedger ledger) {
    rounds++;
    errors.addAll(ledger.errors());
    if (ledger.acknowledgedAccounts().isEmpty() || ledger.acknowledgedScores().isEmpty()) {
      idleRounds.add(rounds);
    }
  }

  void integrity(String result) {
    if (result.equals("ok")) {
      integrityOk++;
    } else {
      integrityProblems.add("round " + rounds + ": " + result);
    }
  }

  void restarted(Duration ready) {
    restartMillis.add(ready.toMillis());
  }

  void account(boolean acknowledged, boolean found, String name) {
    accounts.count(acknowledged, found, "account " + name);
  }

  void score(boolean acknowledged, boolean found, String name) {
    scores.count(acknowledged, found, "score of " + name);
  }

  /** One kind of write: acknowledged ones must be found after the restart; in-flight ones may land. */
  private final class Writes {
    int acknowledged;
    int found;
    int inFlight;
    int landed;

    void count(boolean wasAcknowledged, boolean wasFound, String what) {
      if (wasAcknowledged) {
        acknowledged++;
        found += wasFound ? 1 : 0;
        if (!wasFound) {
          lost.add(what + " (round " + rounds + ")");
        }
      } else {
        inFlight++;
        landed += wasFound ? 1 : 0;
      }
    }

    String acknowledgedAndFound() {
      return acknowledged + " / " + found;
    }

    String landedAndNot() {
      return landed + " / " + (inFlight - landed);
    }
  }

  SuiteReport report(SuiteReport report) {
    List<Long> sorted = restartMillis.stream().sorted().toList();
    report.figure("rounds", "", rounds)
        .figure("writes acknowledged (accounts + scores)", "", accounts.acknowledged + scores.acknowledged)
        .figure("writes found after restart", "", accounts.found + scores.found)
        .figure("accounts acknowledged / found", "", accounts.acknowledgedAndFound())
        .figure("scores acknowledged / found", "", scores.acknowledgedAndFound())
        .figure("in-flight accounts landed / not", "", accounts.landedAndNot())
        .figure("in-flight scores landed / not", "", scores.landedAndNot())
        .figure("integrity_check ok", "", integrityOk + " of " + rounds)
        .figure("restart to ready p50", "ms", sorted.isEmpty() ? null : sorted.get((sorted.size() - 1) / 2))
        .figure("restart to ready max", "ms", sorted.isEmpty() ? null : sorted.get(sorted.size() - 1));
    report.check("accounts and scores were acknowledged before every kill", idleRounds.isEmpty(),
        idleRounds.isEmpty() ? "every round" : "not in rounds " + idleRounds);
    report.check("every acknowledged write is there after the restart", lost.isEmpty(),
        lost.isEmpty() ? "all " + (accounts.found + scores.found) : lost);
    report.check("PRAGMA integrity_check is ok after every kill", integrityOk == rounds,
        integrityProblems.isEmpty() ? integrityOk + " ok" : integrityProblems);
    report.check("writers met no error while the server was up", errors.isEmpty(),
        errors.isEmpty() ? "none" : errors.size() + ", first: " + errors.get(0));
    return report;
  }

  @Override
  public String toString() {
    return String.format("accounts acknowledged/found %s, scores %s; in flight landed/not %s and %s; integrity %d ok",
        accounts.acknowledgedAndFound(), scores.acknowledgedAndFound(), accounts.landedAndNot(),
        scores.landedAndNot(), integrityOk);
  }
}
