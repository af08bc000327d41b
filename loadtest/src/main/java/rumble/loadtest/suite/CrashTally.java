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
  private int accountsAcknowledged;
  private int accountsFound;
  private int accountsInFlight;
  private int accountsLanded;
  private int scoresAcknowledged;
  private int scoresFound;
  private int scoresInFlight;
  private int scoresLanded;
  private final List<String> lost = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();

  void written(CrashLedger ledger) {
    rounds++;
    errors.addAll(ledger.errors());
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
    if (acknowledged) {
      accountsAcknowledged++;
      accountsFound += found ? 1 : 0;
      if (!found) {
        lost.add("account " + name + " (round " + rounds + ")");
      }
    } else {
      accountsInFlight++;
      accountsLanded += found ? 1 : 0;
    }
  }

  void score(boolean acknowledged, boolean found, String name) {
    if (acknowledged) {
      scoresAcknowledged++;
      scoresFound += found ? 1 : 0;
      if (!found) {
        lost.add("score of " + name + " (round " + rounds + ")");
      }
    } else {
      scoresInFlight++;
      scoresLanded += found ? 1 : 0;
    }
  }

  SuiteReport report(SuiteReport report) {
    List<Long> sorted = restartMillis.stream().sorted().toList();
    report.figure("rounds", "", rounds)
        .figure("writes acknowledged (accounts + scores)", "", accountsAcknowledged + scoresAcknowledged)
        .figure("writes found after restart", "", accountsFound + scoresFound)
        .figure("accounts acknowledged / found", "", accountsAcknowledged + " / " + accountsFound)
        .figure("scores acknowledged / found", "", scoresAcknowledged + " / " + scoresFound)
        .figure("in-flight accounts landed / not", "", accountsLanded + " / " + (accountsInFlight - accountsLanded))
        .figure("in-flight scores landed / not", "", scoresLanded + " / " + (scoresInFlight - scoresLanded))
        .figure("integrity_check ok", "", integrityOk + " of " + rounds)
        .figure("restart to ready p50", "ms", sorted.isEmpty() ? null : sorted.get(sorted.size() / 2))
        .figure("restart to ready max", "ms", sorted.isEmpty() ? null : sorted.get(sorted.size() - 1));
    report.check("writes were acknowledged before every kill", accountsAcknowledged >= rounds
        && scoresAcknowledged >= rounds, accountsAcknowledged + " accounts, " + scoresAcknowledged + " scores");
    report.check("every acknowledged write is there after the restart", lost.isEmpty(),
        lost.isEmpty() ? "all " + (accountsFound + scoresFound) : lost);
    report.check("PRAGMA integrity_check is ok after every kill", integrityOk == rounds,
        integrityProblems.isEmpty() ? integrityOk + " ok" : integrityProblems);
    report.check("writers met no error while the server was up", errors.isEmpty(),
        errors.isEmpty() ? "none" : errors.size() + ", first: " + errors.get(0));
    return report;
  }

  @Override
  public String toString() {
    return String.format("%d/%d accounts and %d/%d scores found, in flight %d/%d and %d/%d landed, integrity %d ok",
        accountsFound, accountsAcknowledged, scoresFound, scoresAcknowledged, accountsLanded, accountsInFlight,
        scoresLanded, scoresInFlight, integrityOk);
  }
}
