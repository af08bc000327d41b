package rumble.loadtest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * Counters and histograms every bot writes into directly, without messages: adders and
 * HdrHistogram {@link Recorder}s are safe and cheap to write from many threads. The coordinator
 * reads the adders once a second for the progress line and drains the recorders at the end.
 *
 * <p>Histogram values are recorded only inside the measured window (after {@link #measureFrom}).
 */
public final class Stats {

  /** Up to this many distinct error kinds are kept; the rest count as "other". */
  static final int MAX_ERROR_KINDS = 64;

  /** Microseconds, from 1 µs to 10 min, 3 significant digits. */
  final Recorder interArrivalMicros = new Recorder(1, 600_000_000L, 3);
  final Recorder inputLatencyMicros = new Recorder(1, 600_000_000L, 3);
  /** From a bot's spawn (its first connect) to its first JoinedRoom; recorded in the warm-up too. */
  final Recorder admissionMicros = new Recorder(1, 600_000_000L, 3);
  /**
   * With --reconnect: from a bot's lost connection to its first WorldDelta on the next node, recorded
   * whenever it happens (warm-up included: a node dies when it dies).
   */
  final Recorder interruptionMicros = new Recorder(1, 600_000_000L, 3);
  /** Connections lost while playing that the bot set out to replace (--reconnect). */
  final LongAdder drops = new LongAdder();
  /** Connections attempted to replace a lost one, and those of them that failed. */
  final LongAdder reconnectAttempts = new LongAdder();
  final LongAdder reconnectsFailed = new LongAdder();
  /** Bots back in the game (a WorldDelta) after a lost connection. */
  final LongAdder backInGame = new LongAdder();
  /** System.nanoTime of the last spawn and of the last first JoinedRoom (0 before any). */
  final AtomicLong lastSpawnNanos = new AtomicLong();
  final AtomicLong lastJoinNanos = new AtomicLong();

  final LongAdder spawned = new LongAdder();
  final LongAdder connectOk = new LongAdder();
  final LongAdder connectFailed = new LongAdder();
  final AtomicLong connectedNow = new AtomicLong();
  final AtomicLong inGameNow = new AtomicLong();
  final LongAdder reachedGame = new LongAdder();
  final LongAdder packetsIn = new LongAdder();
  final LongAdder packetsOut = new LongAdder();
  final LongAdder bytesIn = new LongAdder();
  final LongAdder bytesOut = new LongAdder();
  final LongAdder deltas = new LongAdder();
  final LongAdder errors = new LongAdder();
  final LongAdder latencyTimeouts = new LongAdder();
  private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();

  /** Until the run starts, "measuring" lies a year ahead. */
  private volatile long measureFrom = System.nanoTime() + 365L * 24 * 3600 * 1_000_000_000L;

  Stats() {}

  void startMeasuringAt(long nanos) {
    measureFrom = nanos;
  }

  /** System.nanoTime from which on histograms and window counters record. */
  long measureFrom() {
    return measureFrom;
  }

  boolean measuring(long nanos) {
    return nanos - measureFrom >= 0;
  }

  /** Counts one error of {@code kind} (a short label; digits are folded so counts group). */
  void error(String kind) {
    errors.increment();
    String key = kind.replaceAll("\\d+", "#");
    if (key.length() > 120) {
      key = key.substring(0, 120);
    }
    LongAdder adder = errorKinds.get(key);
    if (adder == null) {
      if (errorKinds.size() >= MAX_ERROR_KINDS) {
        key = "other";
      }
      adder = errorKinds.computeIfAbsent(key, k -> new LongAdder());
    }
    adder.increment();
  }

  Map<String, Long> errorKinds() {
    Map<String, Long> snapshot = new java.util.TreeMap<>();
    errorKinds.forEach((kind, count) -> snapshot.put(kind, count.sum()));
    return snapshot;
  }
}
