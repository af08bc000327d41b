package rumble.loadtest.suite;

import rumble.loadtest.MetricsText;

/**
 * What the server logged between two /metrics readings ({@code logback_events_total{level}}), and
 * counter deltas in general: an ERROR logged under attack is a bug every suite looks for.
 */
final class ServerLog {

  private ServerLog() {}

  /** How much a counter grew between the readings (0 when absent from both). */
  static double delta(MetricsText before, MetricsText after, String name, String... labels) {
    return orZero(after.sum(name, labels)) - orZero(before.sum(name, labels));
  }

  static long events(MetricsText before, MetricsText after, String level) {
    return (long) delta(before, after, "logback_events_total", "level", level);
  }

  /** Figures for ERROR and WARN events, and the check that no ERROR was logged (which needs the series). */
  static void report(SuiteReport report, MetricsText before, MetricsText after) {
    long errors = events(before, after, "error");
    report.figure("server ERROR log events", "", errors);
    report.figure("server WARN log events", "", events(before, after, "warn"));
    boolean counted = after.has("logback_events_total");
    report.check("the server logged no ERROR", counted && errors == 0,
        counted ? errors + " ERROR events" : "no logback_events_total on /metrics");
  }

  private static double orZero(Double value) {
    return value == null ? 0 : value;
  }
}
