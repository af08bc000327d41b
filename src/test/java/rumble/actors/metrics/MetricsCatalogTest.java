package rumble.actors.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import io.micrometer.core.instrument.binder.logging.LogbackMetrics;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 8, Why 8: every metric has help text, and the series an operator alerts on exist from the
 * start at 0, including one per refusal reason, rather than appearing with their first event.
 */
class MetricsCatalogTest {

  /** Where the sources give a refusal its label: rejected("x"), refuse(metrics, "x", ...), Unreadable("x", ...). */
  private static final Pattern REASON = Pattern.compile(
      "(?:rejected\\(|refuse\\(metrics, |Unreadable\\()\"([a-z_]+)\"");

  private final String scrape = new ServerMetrics().scrape();

  @Test
  void everyMetricHasHelpText() {
    List<String> withoutHelp = scrape.lines().filter(line -> line.startsWith("# HELP "))
        .filter(line -> line.split(" ", 4).length < 4 || line.split(" ", 4)[3].isBlank())
        .collect(Collectors.toList());
    assertEquals(List.of(), withoutHelp);
  }

  @Test
  void everyRefusalReasonInTheSourcesIsPublishedAtZeroFromTheStart() throws IOException {
    Set<String> inSources = new TreeSet<>();
    for (String root : List.of("actors/src/main/java", "http/src/main/java")) {
      try (Stream<Path> files = Files.walk(Path.of(root))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList())) {
          Matcher m = REASON.matcher(Files.readString(file));
          while (m.find()) {
            inSources.add(m.group(1));
          }
        }
      }
    }
    assertTrue(inSources.size() > 15, "the scan found the reasons: " + inSources);
    List<String> missing = new ArrayList<>();
    for (String reason : inSources) {
      if (!scrape.contains("rumble_rejected_inputs_total{reason=\"" + reason + "\"} 0.0")) {
        missing.add(reason);
      }
    }
    assertEquals(List.of(), missing, "not published at 0 from the start (add them to ServerMetrics.REJECT_REASONS)");
  }

  @Test
  void perKindStateAndOperationSeriesArePublishedFromTheStart() {
    for (String expected : List.of("rumble_outbound_dropped_total{kind=\"chat\"} 0.0",
        "rumble_sessions{state=\"in_game\"} 0.0", "rumble_db_call_seconds_count{op=\"password_hash\"} 0",
        "rumble_logins_delayed_total 0.0", "rumble_connections_open 0.0")) {
      assertTrue(scrape.contains(expected), expected);
    }
  }

  /** The suites check that no ERROR was logged under attack; the count must exist before the first one. */
  @Test
  void logEventsAreCountedByLevelFromTheStart() {
    ServerMetrics metrics = new ServerMetrics();
    try (LogbackMetrics ignored = metrics.countLogEvents()) {
      assertTrue(metrics.scrape().contains("logback_events_total{level=\"error\"} 0.0"), metrics.scrape());
      LoggerFactory.getLogger(MetricsCatalogTest.class).error("an error the catalog test logs on purpose");
      assertTrue(metrics.scrape().contains("logback_events_total{level=\"error\"} 1.0"), "counted");
    }
  }
}
