package rumble.loadtest;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Percentiles of one HdrHistogram, converted to the reported unit; every figure null when there
 * were no samples.
 */
public record Summary(long count, Double min, Double p50, Double p99, Double max, Double mean) {

  public static final Summary EMPTY = new Summary(0, null, null, null, null, null);

  /** @param unit what one recorded unit is worth in the reported unit (e.g. 0.001 for µs → ms) */
  public static Summary of(Histogram histogram, double unit) {
    if (histogram.getTotalCount() == 0) {
      return EMPTY;
    }
    return new Summary(histogram.getTotalCount(),
        histogram.getMinValue() * unit,
        histogram.getValueAtPercentile(50) * unit,
        histogram.getValueAtPercentile(99) * unit,
        histogram.getMaxValue() * unit,
        histogram.getMean() * unit);
  }

  Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("count", count);
    map.put("min", round(min));
    map.put("p50", round(p50));
    map.put("p99", round(p99));
    map.put("max", round(max));
    map.put("mean", round(mean));
    return map;
  }

  static Double round(Double value) {
    if (value == null || value.isNaN() || value.isInfinite()) {
      return null;
    }
    return Math.round(value * 1000) / 1000.0;
  }
}
