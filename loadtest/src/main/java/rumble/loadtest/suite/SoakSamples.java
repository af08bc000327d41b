package rumble.loadtest.suite;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import rumble.loadtest.MetricsText;

/**
 * The soak's readings of the server over time: heap after a full GC (when the suite may run one) and
 * the gauges that must come back to where they started.
 */
final class SoakSamples {

  /** One reading; {@code minute} counts from the start of the soak. */
  record Sample(double minute, double heap, double connections, double sessions, double rooms) {
    String gauges() {
      return String.format(Locale.ROOT, "%.0f / %.0f / %.0f", connections, sessions, rooms);
    }
  }

  private final SuiteTarget target;
  private final List<Sample> samples = new ArrayList<>();

  SoakSamples(SuiteTarget target) {
    this.target = target;
  }

  Sample take(double minute) throws IOException, InterruptedException {
    double heap = target.heapAfterGc();
    MetricsText metrics = target.metrics();
    Sample sample = new Sample(minute, heap, BackgroundBots.orZero(metrics.sum("rumble_connections_open")),
        BackgroundBots.orZero(metrics.sum("rumble_sessions")), BackgroundBots.orZero(metrics.sum("rumble_rooms")));
    samples.add(sample);
    target.progress("soak: %.1f min: heap %.1f MiB, connections / sessions / rooms %s", minute, heap / 1048576.0,
        sample.gauges());
    return sample;
  }

  /**
   * Waits until the gauges are back at {@code first} (at most {@code settle}), then takes the last
   * sample; it is not part of the slope.
   */
  Sample settle(Sample first, Duration settle, double minute) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + settle.toNanos();
    while (System.nanoTime() < deadline) {
      MetricsText metrics = target.metrics();
      if (BackgroundBots.orZero(metrics.sum("rumble_connections_open")) <= first.connections()
          && BackgroundBots.orZero(metrics.sum("rumble_sessions")) <= first.sessions()
          && BackgroundBots.orZero(metrics.sum("rumble_rooms")) <= first.rooms()) {
        break;
      }
      Thread.sleep(500);
    }
    Sample last = take(minute + (settle.toNanos() - Math.max(0, deadline - System.nanoTime())) / 60e9);
    samples.remove(samples.size() - 1);
    return last;
  }

  List<Sample> all() {
    return List.copyOf(samples);
  }

  /** The samples taken while players were connected (not the first, nor one after the last wave ended). */
  private List<Sample> playing() {
    return samples.stream().skip(1).filter(s -> s.connections() > 0).toList();
  }

  double peakHeap() {
    return playing().stream().mapToDouble(Sample::heap).max().orElse(Double.NaN);
  }

  /** Least-squares slope of the heap over the samples taken while playing, bytes per minute; NaN with fewer than 2. */
  double slopeWhilePlaying() {
    List<Sample> points = playing();
    int n = points.size();
    if (n < 2) {
      return Double.NaN;
    }
    double meanX = points.stream().mapToDouble(Sample::minute).average().orElse(0);
    double meanY = points.stream().mapToDouble(Sample::heap).average().orElse(0);
    double covariance = 0;
    double variance = 0;
    for (Sample s : points) {
      covariance += (s.minute() - meanX) * (s.heap() - meanY);
      variance += (s.minute() - meanX) * (s.minute() - meanX);
    }
    return variance == 0 ? Double.NaN : covariance / variance;
  }

  /** Every sample as "minute: MiB c/s/r", for the report. */
  String describe() {
    return samples.stream().map(s -> String.format(Locale.ROOT, "%.1f: %.0f %s", s.minute(), s.heap() / 1048576.0,
        s.gauges())).collect(Collectors.joining("; "));
  }
}
