package rumble.loadtest.suite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/**
 * Many connections from one address register at once: the per-address limit lets a few through
 * and tells the rest how long to wait (or the hashing queue says the server is busy), while
 * {@code /health/ready} stays 200 and fast and a guest still gets into the game at once. With
 * spoofed addresses a neighbour (another address) registers right after, untouched by the limit.
 */
final class RegistrationBurst {

  private static final Pattern WAIT = Pattern.compile("Too many registrations from your address - try again in (\\d+) s");
  private static final String BUSY = "Server busy, try again in a moment";
  private static final long READY_P99_MILLIS = 1500;
  private static final long GUEST_JOIN_MILLIS = 1500;
  private static final int MIN_PROBES = 50;

  private final AccountsSuite suite;

  RegistrationBurst(AccountsSuite suite) {
    this.suite = suite;
  }

  void run(SuiteReport report) throws Exception {
    String address = suite.newAddress();
    List<SuitePlayer> clients = new ArrayList<>();
    List<Long> readiness = Collections.synchronizedList(new ArrayList<>());
    List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean bursting = new AtomicBoolean(true);
    int accepted = 0;
    int limited = 0;
    int busy = 0;
    List<String> wrong = new ArrayList<>();
    long guestMillis;
    try (SuitePlayer guest = suite.client(suite.newAddress())) {
      for (int i = 0; i < suite.burst; i++) {
        clients.add(suite.client(address));
      }
      suite.target().progress("accounts: %d registrations at once from %s", suite.burst, address);
      CompletableFuture<Void> probe = CompletableFuture.runAsync(() -> probe(bursting, readiness, statuses));
      for (SuitePlayer client : clients) {
        client.register(SuitePlayer.freshName("burst", suite.random), "burst password", 0x55AA55FF);
      }
      long start = System.nanoTime();
      boolean joined = guest.joinAsGuest(SuitePlayer.freshName("Bystander", suite.random));
      guestMillis = joined ? AccountsSuite.millisSince(start) : -1;
      for (SuitePlayer client : clients) {
        Packet answer = client.await(ProtocolClient.WAIT);
        String reason = answer.getMsgCase() == MsgCase.DENY_RESPONSE ? answer.getDenyResponse().getReason() : "";
        Matcher wait = WAIT.matcher(reason);
        if (answer.getMsgCase() == MsgCase.OK_RESPONSE) {
          accepted++;
        } else if (wait.matches() && Integer.parseInt(wait.group(1)) >= 1 && Integer.parseInt(wait.group(1)) <= 60) {
          limited++;
        } else if (reason.equals(BUSY)) {
          busy++;
        } else {
          wrong.add(answer.getMsgCase() + " " + reason);
        }
      }
      bursting.set(false);
      probe.join();
    } finally {
      clients.forEach(SuitePlayer::close);
    }
    List<Long> sorted = readiness.stream().sorted().toList();
    long p99 = sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
    report.figure("registrations sent at once", "", suite.burst)
        .figure("registrations accepted / limited / busy", "", accepted + " / " + limited + " / " + busy)
        .figure("/health/ready during the burst p99", "ms", p99)
        .figure("/health/ready probes", "", sorted.size())
        .figure("guest join during the burst", "ms", guestMillis);
    report.check("every registration is accepted, told how long to wait, or told the server is busy", wrong.isEmpty(),
        wrong.isEmpty() ? (accepted + limited + busy) + " of " + suite.burst : wrong);
    report.check("one address gets at most the limit's burst (" + suite.registrationBurst + ", +1 refilled)",
        accepted <= suite.registrationBurst + 1 && (limited > 0 || suite.burst <= suite.registrationBurst),
        accepted + " accepted, " + limited + " told to wait");
    report.check("/health/ready stays 200 with p99 under " + READY_P99_MILLIS + " ms",
        !statuses.isEmpty() && statuses.stream().allMatch(s -> s == 200) && p99 < READY_P99_MILLIS,
        "statuses " + statuses.stream().distinct().toList() + ", p99 " + p99 + " ms");
    report.check("a guest joins within " + GUEST_JOIN_MILLIS + " ms during the burst",
        guestMillis >= 0 && guestMillis < GUEST_JOIN_MILLIS, guestMillis < 0 ? "refused" : guestMillis + " ms");
    if (suite.spoof) {
      try (SuitePlayer neighbour = suite.client(suite.newAddress())) {
        neighbour.register(SuitePlayer.freshName("neighbour", suite.random), "neighbour password", 0x5555AAFF);
        MsgCase answer = neighbour.await(ProtocolClient.WAIT).getMsgCase();
        report.check("a neighbour at another address registers right after", answer == MsgCase.OK_RESPONSE, answer);
      }
    }
  }

  /**
   * GETs /health/ready back to back until the burst is answered (and at least {@link #MIN_PROBES}
   * times: a limit that refuses at once ends the burst before a p99 means anything), noting each
   * latency and status.
   */
  private void probe(AtomicBoolean bursting, List<Long> millis, List<Integer> statuses) {
    while (bursting.get() || millis.size() < MIN_PROBES) {
      long start = System.nanoTime();
      try {
        statuses.add(suite.target().get("/health/ready").statusCode());
      } catch (Exception e) {
        statuses.add(-1);
      }
      millis.add(AccountsSuite.millisSince(start));
    }
  }
}
