package rumble.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTextTest {

  static final String SAMPLE = """
      # HELP jvm_memory_used_bytes The amount of used memory
      # TYPE jvm_memory_used_bytes gauge
      jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.1534336E7
      jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 8240640.0
      jvm_memory_used_bytes{area="heap",id="G1 Survivor Space"} 3145728.0
      jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 4.6569008E7
      jvm_memory_max_bytes{area="heap",id="G1 Eden Space"} -1.0
      jvm_memory_max_bytes{area="heap",id="G1 Old Gen"} 1.073741824E9
      jvm_memory_committed_bytes{area="heap",id="G1 Old Gen"} 1.6777216E7
      process_cpu_time_ns_total 2.0E9
      process_cpu_usage 0.25
      rumble_connections_open 40.0
      rumble_sessions{state="in_game"} 38.0
      rumble_sessions{state="connected"} 2.0
      rumble_rooms 2.0
      # TYPE rumble_tick_seconds histogram
      rumble_tick_seconds_bucket{le="0.001"} 100
      rumble_tick_seconds_bucket{le="0.002"} 150
      rumble_tick_seconds_bucket{le="0.004"} 198
      rumble_tick_seconds_bucket{le="0.008"} 200
      rumble_tick_seconds_bucket{le="+Inf"} 200
      rumble_tick_seconds_count 200
      rumble_tick_seconds_sum 0.3
      rumble_tick_seconds_max 0.0075
      rumble_room_tick_seconds{room="1",quantile="0.5"} 0.0009
      rumble_room_tick_seconds{room="1",quantile="0.99"} 0.0035
      rumble_room_tick_seconds{room="2",quantile="0.99"} 0.0061
      rumble_tick_overruns_total 1.0
      odd_metric{label="with \\"quotes\\" and, comma"} NaN
      not a metric line at all
      broken{label="unterminated} 3
      """;

  @Test
  void parsesSamplesLabelsAndOddValues() {
    MetricsText metrics = MetricsText.parse(SAMPLE);
    assertEquals(22_920_704.0, metrics.sum("jvm_memory_used_bytes", "area", "heap"));
    assertEquals(8240640.0, metrics.value("jvm_memory_used_bytes", "id", "G1 Old Gen"));
    assertEquals(40.0, metrics.value("rumble_connections_open"));
    assertEquals(38.0, metrics.value("rumble_sessions", "state", "in_game"));
    assertEquals(40.0, metrics.sum("rumble_sessions"));
    assertEquals(0.0061, metrics.max("rumble_room_tick_seconds", "quantile", "0.99"));
    assertTrue(metrics.has("odd_metric"));
    MetricsText.Sample odd = metrics.samples().stream().filter(s -> s.name().equals("odd_metric")).findFirst()
        .orElseThrow();
    assertEquals("with \"quotes\" and, comma", odd.labels().get("label"));
    assertTrue(Double.isNaN(odd.value()));
    assertFalse(metrics.has("broken"));
    assertFalse(metrics.has("not"));
  }

  @Test
  void missingMetersAreNullNotErrors() {
    MetricsText metrics = MetricsText.parse(SAMPLE);
    assertNull(metrics.value("rumble_tick_seconds", "quantile", "0.99"));
    assertNull(metrics.sum("no_such_meter"));
    assertNull(metrics.max("odd_metric")); // NaN is skipped
    assertTrue(MetricsText.parse("").samples().isEmpty());
  }

  @Test
  void histogramQuantileInterpolatesInsideBuckets() {
    MetricsText metrics = MetricsText.parse(SAMPLE);
    // rank 100 of 200 falls on the first bucket's upper edge
    assertEquals(0.001, ServerFigures.histogramQuantile(null, metrics, "rumble_tick_seconds", 0.5), 1e-9);
    // rank 198 is the top of the (0.002, 0.004] bucket
    assertEquals(0.004, ServerFigures.histogramQuantile(null, metrics, "rumble_tick_seconds", 0.99), 1e-9);
    assertEquals(0.0015, ServerFigures.histogramQuantile(null, metrics, "rumble_tick_seconds", 0.625), 1e-9);
    assertNull(ServerFigures.histogramQuantile(null, metrics, "no_such_histogram", 0.5));
  }

  @Test
  void histogramQuantileOverTheDifferenceOfTwoScrapes() {
    MetricsText before = MetricsText.parse("""
        rumble_tick_seconds_bucket{le="0.001"} 100
        rumble_tick_seconds_bucket{le="0.002"} 100
        rumble_tick_seconds_bucket{le="+Inf"} 100
        """);
    MetricsText after = MetricsText.parse("""
        rumble_tick_seconds_bucket{le="0.001"} 100
        rumble_tick_seconds_bucket{le="0.002"} 200
        rumble_tick_seconds_bucket{le="+Inf"} 200
        """);
    // Only the 100 ticks in (1 ms, 2 ms] happened in between: the median is in the middle.
    assertEquals(0.0015, ServerFigures.histogramQuantile(before, after, "rumble_tick_seconds", 0.5), 1e-9);
    assertNull(ServerFigures.histogramQuantile(after, after, "rumble_tick_seconds", 0.5), "nothing in between");
  }

  @Test
  void serverFiguresFromScrapesUseTheMeasuredWindow() {
    MetricsText baseline = MetricsText.parse("""
        jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 1.0E7
        process_cpu_time_ns_total 1.0E9
        rumble_connections_open 0
        """);
    MetricsText start = MetricsText.parse(SAMPLE.replace("rumble_tick_overruns_total 1.0", "rumble_tick_overruns_total 0")
        .replace("process_cpu_time_ns_total 2.0E9", "process_cpu_time_ns_total 1.5E9"));
    MetricsText end = MetricsText.parse(SAMPLE.replace("rumble_tick_seconds_count 200", "rumble_tick_seconds_count 400")
        .replace("rumble_tick_seconds_sum 0.3", "rumble_tick_seconds_sum 0.7")
        .replace("rumble_tick_overruns_total 1.0", "rumble_tick_overruns_total 3.0")
        .replace("process_cpu_time_ns_total 2.0E9", "process_cpu_time_ns_total 2.5E9"));
    long second = 1_000_000_000L;
    List<ServerFigures.Scrape> scrapes = List.of(new ServerFigures.Scrape(0, baseline),
        new ServerFigures.Scrape(10 * second, start), new ServerFigures.Scrape(12 * second, end));
    ServerFigures figures = ServerFigures.from(scrapes, 5 * second, 10 * second, 40, null);
    assertEquals(3, figures.scrapes());
    assertEquals(200.0, figures.ticks());
    assertEquals(2.0, figures.tickMeanMs(), 1e-9);       // 0.4 s over 200 ticks
    assertEquals(3.0, figures.overruns());
    assertEquals(50.0, figures.cpuPercent(), 1e-9);     // 1 s of CPU in 2 s
    assertEquals(6.1, figures.tickP99WorstMs(), 1e-9);  // worst room
    assertEquals(7.5, figures.tickMaxMs(), 1e-9);
    assertEquals(2.0, figures.rooms());
    assertEquals(40.0, figures.connectionsOpenPeak());
    assertEquals(38.0, figures.inGamePeak());
    assertEquals(1.073741824E9, figures.heapMaxBytes()); // the unbounded pools (-1) are skipped
    assertEquals((22_920_704.0 - 1.0e7) / 40, figures.heapPerConnectionBytes(), 1e-6);
    assertNull(figures.skipped(), "no rumble_tick_skipped_total in the scrapes");
    // identical bucket counts at start and end: no tick in the window
    assertNull(figures.tickP99Ms());
  }

  @Test
  void quantilesOfTheLastScrapeWhenThereAreNoBuckets() {
    MetricsText start = MetricsText.parse("""
        rumble_tick_seconds{quantile="0.5"} 0.001
        rumble_tick_seconds{quantile="0.99"} 0.020
        rumble_tick_seconds_count 100
        rumble_tick_seconds_sum 0.2
        rumble_tick_seconds_max 0.030
        """);
    MetricsText end = MetricsText.parse("""
        rumble_tick_seconds{quantile="0.5"} 0.002
        rumble_tick_seconds{quantile="0.99"} 0.010
        rumble_tick_seconds_count 300
        rumble_tick_seconds_sum 0.6
        rumble_tick_seconds_max 0.015
        """);
    long second = 1_000_000_000L;
    ServerFigures figures = ServerFigures.from(List.of(new ServerFigures.Scrape(0, start),
        new ServerFigures.Scrape(10 * second, start), new ServerFigures.Scrape(20 * second, end)), 5 * second,
        Long.MAX_VALUE, 0, null);
    assertEquals(2.0, figures.tickP50Ms(), 1e-9);
    assertEquals(10.0, figures.tickP99Ms(), 1e-9);
    assertEquals(30.0, figures.tickMaxMs(), 1e-9);
    assertEquals(200.0, figures.ticks());
    assertEquals(2.0, figures.tickMeanMs(), 1e-9);
    assertTrue(figures.tickPercentilesFrom().startsWith("quantiles"));
  }

  @Test
  void noScrapesMeansEverythingNotAvailable() {
    ServerFigures figures = ServerFigures.from(List.of(), 0, 0, 0, "connection refused");
    assertEquals(0, figures.scrapes());
    assertEquals("connection refused", figures.error());
    assertNull(figures.tickP99Ms());
    assertNull(figures.cpuPercent());
  }
}
