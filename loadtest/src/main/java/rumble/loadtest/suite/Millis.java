package rumble.loadtest.suite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations in milliseconds collected from several threads, with nearest-rank percentiles. */
public final class Millis {

  private final List<Double> values = new ArrayList<>();

  public synchronized void add(double millis) {
    values.add(millis);
  }

  /** Records the time since {@code startNanos} (System.nanoTime); returns it in ms. */
  public double since(long startNanos) {
    double millis = (System.nanoTime() - startNanos) / 1e6;
    add(millis);
    return millis;
  }

  public synchronized int count() {
    return values.size();
  }

  /** The nearest-rank percentile (0 < p ≤ 100), or null when nothing was recorded. */
  public synchronized Double percentile(double p) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  public Double max() {
    return percentile(100);
  }

  /** Records p50, p99 and max as three figures named {@code name + " p50"} and so on. */
  public void figures(SuiteReport report, String name) {
    report.figure(name + " p50", "ms", percentile(50));
    report.figure(name + " p99", "ms", percentile(99));
    report.figure(name + " max", "ms", max());
  }
}
