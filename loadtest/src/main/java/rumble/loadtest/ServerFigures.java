package rumble.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the server said about itself during the run, derived from the {@code /metrics} scrapes.
 * Every figure is null ("n/a") when the meter was missing or the server could not be read.
 *
 * <p>Tick p50/p99 are computed like Prometheus' {@code histogram_quantile} from the difference of
 * the {@code rumble_tick_seconds_bucket} (or {@code rumble_tick_histogram_seconds_bucket}) counts between the first scrape after the warm-up and the
 * last one, so they cover exactly the measured window; without buckets they fall back to the
 * {@code quantile} series of the last scrape (Micrometer's sliding window of about a minute). The
 * worst-room p99 is the highest per-room {@code rumble_room_tick_seconds} p99 seen in any scrape
 * after the warm-up; the max likewise. Counters (ticks, overruns, CPU time) are differences over
 * the measured window.
 */
public record ServerFigures(
    int scrapes,
    String error,
    String tickPercentilesFrom,
    Double tickP50Ms,
    Double tickP99Ms,
    Double tickP99WorstMs,
    Double tickMaxMs,
    Double tickMeanMs,
    Double ticks,
    Double overruns,
    Double skipped,
    Double rooms,
    Double roomsPeak,
    Double cpuPercent,
    Double cpuUsagePercentOfMachine,
    Double heapUsedBytes,
    Double heapUsedPeakBytes,
    Double heapCommittedBytes,
    Double heapMaxBytes,
    Double connectionsOpenPeak,
    Double inGamePeak,
    Double heapBaselineBytes,
    Double heapHeldBytes,
    Double heapPerConnectionBytes,
    Double slowestRoomTicksPerSecond,
    Double cpuMicrosPerPlayerTick,
    Double gcPauseMaxMs,
    Double gcPausePercent) {

  /** One scrape and when it was taken (System.nanoTime). */
  public record Scrape(long nanos, MetricsText metrics) {}

  public static ServerFigures none(String error) {
    return new ServerFigures(0, error, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * @param scrapes in time order; the first one taken before any bot was spawned
   * @param measureFrom start of the measured window (after the warm-up)
   * @param holdFrom from when on every connection was open (idle mode), or Long.MAX_VALUE
   * @param connectionsHeld connections open while holding, for heap per connection
   * @param error the last scrape error, if any
   */
  public static ServerFigures from(List<Scrape> scrapes, long measureFrom, long holdFrom, long connectionsHeld,
      String error) {
    if (scrapes.isEmpty()) {
      return none(error == null ? "no scrape succeeded" : error);
    }
    Scrape baseline = scrapes.get(0);
    Scrape last = scrapes.get(scrapes.size() - 1);
    List<Scrape> measured = new ArrayList<>();
    for (Scrape scrape : scrapes) {
      if (scrape.nanos() >= measureFrom) {
        measured.add(scrape);
      }
    }
    if (measured.isEmpty()) {
      measured.add(last);
    }
    Scrape first = measured.size() >= 2 ? measured.get(0) : baseline;
    MetricsText end = last.metrics();

    // Buckets, when the server publishes them (on the tick timer itself or on a separate histogram).
    String bucketed = end.has("rumble_tick_seconds_bucket") ? "rumble_tick_seconds" : "rumble_tick_histogram_seconds";
    Double p50 = ms(histogramQuantile(first == last ? null : first.metrics(), end, bucketed, 0.5));
    Double p99 = ms(histogramQuantile(first == last ? null : first.metrics(), end, bucketed, 0.99));
    String source = p50 == null ? null : "histogram buckets over the measured window";
    if (p50 == null) {
      p50 = ms(end.max("rumble_tick_seconds", "quantile", "0.5"));
      p99 = ms(end.max("rumble_tick_seconds", "quantile", "0.99"));
      source = p99 == null ? null : "quantiles of the last scrape (Micrometer's sliding window)";
    }
    Double p99Worst = ms(maxOver(measured, m -> m.max("rumble_room_tick_seconds", "quantile", "0.99")));
    if (p99Worst == null) {
      p99Worst = ms(maxOver(measured, m -> m.max("rumble_tick_seconds", "quantile", "0.99")));
    }
    // Micrometer's max decays over about two minutes, so it may reach back into the warm-up; the
    // highest bucket that filled during the window bounds the window's max too: take the tighter.
    Double tickMax = ms(maxOver(measured, m -> m.max("rumble_tick_seconds_max")));
    Double bucketBound = ms(highestFilledBucket(first == last ? null : first.metrics(), end, bucketed));
    if (bucketBound != null && (tickMax == null || bucketBound < tickMax)) {
      tickMax = bucketBound;
    }
    Double ticks = delta(first, last, "rumble_tick_seconds_count");
    Double tickSum = delta(first, last, "rumble_tick_seconds_sum");
    Double tickMean = ticks != null && tickSum != null && ticks > 0 ? tickSum / ticks * 1000 : null;
    Double overruns = delta(first, last, "rumble_tick_overruns_total");
    Double skipped = delta(first, last, "rumble_tick_skipped_total");
    Double cpuNanos = delta(first, last, "process_cpu_time_ns_total");
    double wallNanos = last.nanos() - first.nanos();
    Double cpuPercent = cpuNanos != null && wallNanos > 0 ? cpuNanos / wallNanos * 100 : null;
    Double cpuUsage = end.value("process_cpu_usage");

    Double heapBaseline = heapUsed(baseline.metrics());
    Double heapHeld = null;
    for (Scrape scrape : scrapes) {
      if (scrape.nanos() >= holdFrom) {
        Double used = heapUsed(scrape.metrics());
        if (used != null && (heapHeld == null || used < heapHeld)) {
          heapHeld = used;
        }
      }
    }
    Double perConnection = heapBaseline != null && heapHeld != null && connectionsHeld > 0
        ? Math.max(0, heapHeld - heapBaseline) / connectionsHeld : null;

    return new ServerFigures(scrapes.size(), error, source, p50, p99, p99Worst, tickMax, tickMean, ticks, overruns, skipped,
        end.sum("rumble_rooms"), maxOver(scrapes, m -> m.sum("rumble_rooms")), cpuPercent,
        cpuUsage == null ? null : cpuUsage * 100, heapUsed(end), maxOver(scrapes, ServerFigures::heapUsed),
        end.sum("jvm_memory_committed_bytes", "area", "heap"), heapMax(end),
        maxOver(scrapes, m -> m.sum("rumble_connections_open")),
        maxOver(scrapes, m -> m.sum("rumble_sessions", "state", "in_game")),
        heapBaseline, heapHeld, perConnection, slowestRoomTicksPerSecond(first, last),
        cpuMicrosPerPlayerTick(measured, ticks, cpuNanos),
        ms(maxOver(measured, m -> m.max("jvm_gc_pause_seconds_max"))),
        gcPausePercent(first, last));
  }

  /**
   * Several nodes' figures as one: what adds up is summed (ticks, overruns, skipped ticks, rooms, CPU,
   * heap, connections, players in game; peaks are the sum of each node's peak, an upper bound that
   * {@link #withPeaks} can replace), what
   * does not is the worst node's (tick percentiles and max, GC pauses) or the slowest room of all;
   * the mean tick is weighted by ticks, CPU per player-tick is all CPU over all player-ticks. One node
   * is returned as it is.
   *
   * @param connectionsHeld connections open while holding (idle mode), for heap per connection
   */
  public static ServerFigures combine(List<ServerFigures> nodes, long connectionsHeld) {
    if (nodes.size() == 1) {
      return nodes.get(0);
    }
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).error() != null) {
        errors.add("node " + (i + 1) + ": " + nodes.get(i).error());
      }
    }
    String source = null;
    for (ServerFigures node : nodes) {
      source = source == null ? node.tickPercentilesFrom() : source;
    }
    int scrapes = nodes.stream().mapToInt(ServerFigures::scrapes).sum();
    Double ticks = fold(nodes, ServerFigures::ticks, Double::sum);
    Double tickTime = fold(nodes, n -> n.ticks() == null || n.tickMeanMs() == null ? null : n.ticks() * n.tickMeanMs(),
        Double::sum);
    Double heapBaseline = fold(nodes, ServerFigures::heapBaselineBytes, Double::sum);
    Double heapHeld = fold(nodes, ServerFigures::heapHeldBytes, Double::sum);
    // cpu% = cpu / wall and µs per player-tick = cpu / player-ticks: over windows of the same length
    // the player-ticks of a node are proportional to cpu% ÷ µs per player-tick.
    Double cpuAll = fold(nodes, n -> n.cpuMicrosPerPlayerTick() == null ? null : n.cpuPercent(), Double::sum);
    Double playerTicks = fold(nodes, n -> n.cpuMicrosPerPlayerTick() == null || n.cpuPercent() == null
        || n.cpuMicrosPerPlayerTick() <= 0 ? null : n.cpuPercent() / n.cpuMicrosPerPlayerTick(), Double::sum);
    return new ServerFigures(scrapes, errors.isEmpty() ? null : String.join("; ", errors), source,
        fold(nodes, ServerFigures::tickP50Ms, Math::max), fold(nodes, ServerFigures::tickP99Ms, Math::max),
        fold(nodes, ServerFigures::tickP99WorstMs, Math::max), fold(nodes, ServerFigures::tickMaxMs, Math::max),
        ticks != null && tickTime != null && ticks > 0 ? tickTime / ticks : null, ticks,
        fold(nodes, ServerFigures::overruns, Double::sum), fold(nodes, ServerFigures::skipped, Double::sum),
        fold(nodes, ServerFigures::rooms, Double::sum), fold(nodes, ServerFigures::roomsPeak, Double::sum),
        fold(nodes, ServerFigures::cpuPercent, Double::sum),
        fold(nodes, ServerFigures::cpuUsagePercentOfMachine, Double::sum),
        fold(nodes, ServerFigures::heapUsedBytes, Double::sum), fold(nodes, ServerFigures::heapUsedPeakBytes, Double::sum),
        fold(nodes, ServerFigures::heapCommittedBytes, Double::sum), fold(nodes, ServerFigures::heapMaxBytes, Double::sum),
        fold(nodes, ServerFigures::connectionsOpenPeak, Double::sum), fold(nodes, ServerFigures::inGamePeak, Double::sum),
        heapBaseline, heapHeld, heapBaseline != null && heapHeld != null && connectionsHeld > 0
            ? Math.max(0, heapHeld - heapBaseline) / connectionsHeld : null,
        fold(nodes, ServerFigures::slowestRoomTicksPerSecond, Math::min),
        cpuAll != null && playerTicks != null && playerTicks > 0 ? cpuAll / playerTicks : null,
        fold(nodes, ServerFigures::gcPauseMaxMs, Math::max), fold(nodes, ServerFigures::gcPausePercent, Math::max));
  }

  /**
   * These figures with the peaks of rooms, open connections and players in game replaced: for several
   * nodes, the peak of their sum over scrapes taken together, which (unlike the sum of each node's
   * peak) does not count a player twice who moved from a dead node to another.
   */
  public ServerFigures withPeaks(Double roomsPeak, Double connectionsOpenPeak, Double inGamePeak) {
    return new ServerFigures(scrapes, error, tickPercentilesFrom, tickP50Ms, tickP99Ms, tickP99WorstMs, tickMaxMs,
        tickMeanMs, ticks, overruns, skipped, rooms, roomsPeak, cpuPercent, cpuUsagePercentOfMachine, heapUsedBytes,
        heapUsedPeakBytes, heapCommittedBytes, heapMaxBytes, connectionsOpenPeak, inGamePeak, heapBaselineBytes,
        heapHeldBytes, heapPerConnectionBytes, slowestRoomTicksPerSecond, cpuMicrosPerPlayerTick, gcPauseMaxMs,
        gcPausePercent);
  }

  /** {@code op} over the nodes' non-null values of one figure; null when every node lacks it. */
  private static Double fold(List<ServerFigures> nodes, Function<ServerFigures, Double> figure,
      java.util.function.BinaryOperator<Double> op) {
    Double result = null;
    for (ServerFigures node : nodes) {
      Double value = figure.apply(node);
      if (value != null) {
        result = result == null ? value : op.apply(result, value);
      }
    }
    return result;
  }

  /**
   * Ticks per second of the room that ticked least over the window, among the rooms that ran through
   * all of it (a room that started or stopped inside the window would look slow).
   */
  static Double slowestRoomTicksPerSecond(Scrape first, Scrape last) {
    double seconds = (last.nanos() - first.nanos()) / 1e9;
    if (first == last || seconds <= 0) {
      return null;
    }
    Double slowest = null;
    for (MetricsText.Sample end : last.metrics().samples()) {
      if (!end.name().equals("rumble_room_tick_seconds_count") || !end.labels().containsKey("room")) {
        continue;
      }
      Double start = first.metrics().value("rumble_room_tick_seconds_count", "room", end.labels().get("room"));
      if (start != null) {
        double rate = (end.value() - start) / seconds;
        slowest = slowest == null ? rate : Math.min(slowest, rate);
      }
    }
    return slowest;
  }

  /**
   * Server CPU per player per tick, in µs: the process's CPU time over the window divided by the
   * player-ticks it served, which are the ticks of all rooms times the mean players per room.
   */
  static Double cpuMicrosPerPlayerTick(List<Scrape> measured, Double ticks, Double cpuNanos) {
    if (ticks == null || cpuNanos == null || ticks <= 0) {
      return null;
    }
    double players = 0;
    double rooms = 0;
    for (Scrape scrape : measured) {
      Double inGame = scrape.metrics().sum("rumble_sessions", "state", "in_game");
      Double running = scrape.metrics().sum("rumble_rooms");
      players += inGame == null ? 0 : inGame;
      rooms += running == null ? 0 : running;
    }
    if (players <= 0 || rooms <= 0) {
      return null;
    }
    double playerTicks = ticks * (players / rooms);
    return cpuNanos / 1000 / playerTicks;
  }

  /** Share of the window the JVM spent in GC pauses, in % of wall time. */
  static Double gcPausePercent(Scrape first, Scrape last) {
    Double paused = delta(first, last, "jvm_gc_pause_seconds_sum");
    double seconds = (last.nanos() - first.nanos()) / 1e9;
    return paused == null || seconds <= 0 ? null : paused / seconds * 100;
  }

  /**
   * The {@code q} quantile of a Prometheus histogram over the difference {@code to - from} of its
   * cumulative {@code _bucket} counts ({@code from} null: since the start), interpolated linearly
   * inside the bucket as Prometheus does; null when there are no buckets or no observations.
   */
  static Double histogramQuantile(MetricsText from, MetricsText to, String name, double q) {
    java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
    for (MetricsText.Sample sample : to.samples()) {
      if (sample.name().equals(name + "_bucket") && sample.labels().containsKey("le")) {
        buckets.merge(parseLe(sample.labels().get("le")), sample.value(), Double::sum);
      }
    }
    if (from != null) {
      for (MetricsText.Sample sample : from.samples()) {
        if (sample.name().equals(name + "_bucket") && sample.labels().containsKey("le")) {
          buckets.computeIfPresent(parseLe(sample.labels().get("le")), (le, v) -> v - sample.value());
        }
      }
    }
    if (buckets.isEmpty()) {
      return null;
    }
    double total = buckets.lastEntry().getValue();
    if (!(total > 0)) {
      return null;
    }
    double rank = q * total;
    double lowerBound = 0;
    double lowerCount = 0;
    for (java.util.Map.Entry<Double, Double> bucket : buckets.entrySet()) {
      double upperBound = bucket.getKey();
      double count = bucket.getValue();
      if (count >= rank) {
        if (Double.isInfinite(upperBound)) {
          return lowerBound;
        }
        if (count == lowerCount) {
          return upperBound;
        }
        return lowerBound + (upperBound - lowerBound) * (rank - lowerCount) / (count - lowerCount);
      }
      lowerBound = upperBound;
      lowerCount = count;
    }
    return lowerBound;
  }

  /** The upper bound of the highest finite bucket whose count grew between the two scrapes. */
  static Double highestFilledBucket(MetricsText from, MetricsText to, String name) {
    java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
    for (MetricsText.Sample sample : to.samples()) {
      if (sample.name().equals(name + "_bucket") && sample.labels().containsKey("le")) {
        buckets.merge(parseLe(sample.labels().get("le")), sample.value(), Double::sum);
      }
    }
    if (from != null) {
      for (MetricsText.Sample sample : from.samples()) {
        if (sample.name().equals(name + "_bucket") && sample.labels().containsKey("le")) {
          buckets.computeIfPresent(parseLe(sample.labels().get("le")), (le, v) -> v - sample.value());
        }
      }
    }
    Double bound = null;
    double below = 0;
    for (java.util.Map.Entry<Double, Double> bucket : buckets.entrySet()) {
      if (bucket.getValue() > below) {
        if (Double.isInfinite(bucket.getKey())) {
          return null; // something beyond the last bound: no bound to offer
        }
        bound = bucket.getKey();
      }
      below = bucket.getValue();
    }
    return bound;
  }

  private static double parseLe(String le) {
    return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
  }

  static Double heapUsed(MetricsText metrics) {
    return metrics.sum("jvm_memory_used_bytes", "area", "heap");
  }

  /** The heap limit: the sum of the pools' maxima that are set (-1 means unbounded and is skipped). */
  private static Double heapMax(MetricsText metrics) {
    Double total = null;
    for (MetricsText.Sample sample : metrics.samples()) {
      if (sample.name().equals("jvm_memory_max_bytes") && "heap".equals(sample.labels().get("area"))
          && sample.value() > 0) {
        total = (total == null ? 0 : total) + sample.value();
      }
    }
    return total;
  }

  private static Double maxOver(List<Scrape> scrapes, Function<MetricsText, Double> figure) {
    Double max = null;
    for (Scrape scrape : scrapes) {
      Double value = figure.apply(scrape.metrics());
      if (value != null && (max == null || value > max)) {
        max = value;
      }
    }
    return max;
  }

  private static Double delta(Scrape from, Scrape to, String name) {
    Double end = to.metrics().sum(name);
    if (end == null) {
      return null;
    }
    Double start = from == to ? null : from.metrics().sum(name);
    return start == null ? (from == to ? null : end) : end - start;
  }

  private static Double ms(Double seconds) {
    return seconds == null ? null : seconds * 1000;
  }
}
