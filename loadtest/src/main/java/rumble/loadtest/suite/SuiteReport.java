package rumble.loadtest.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one suite run found: figures (what was measured, in order) and checks (what the server must
 * have done, each passed or missed with what was observed). A run passes when every check passed;
 * the figures are what the README and the notes quote.
 */
public final class SuiteReport {

  /** One measured value; {@code value} is a Number, a String or null when nothing was measured. */
  public record Figure(String name, String unit, Object value) {}

  /** One expectation about the server's behaviour and what was seen. */
  public record Check(String expectation, boolean passed, String observed) {}

  private final String suite;
  private final Map<String, Object> settings = new LinkedHashMap<>();
  private final List<Figure> figures = new ArrayList<>();
  private final List<Check> checks = new ArrayList<>();

  public SuiteReport(String suite) {
    this.suite = suite;
  }

  public String suite() {
    return suite;
  }

  /** Records a parameter of the run (clients, frames, duration…), shown above the figures. */
  public SuiteReport setting(String name, Object value) {
    settings.put(name, value);
    return this;
  }

  public SuiteReport figure(String name, String unit, Object value) {
    if (figures.stream().anyMatch(f -> f.name().equals(name))) {
      throw new IllegalArgumentException("figure recorded twice: " + name);
    }
    figures.add(new Figure(name, unit, value));
    return this;
  }

  /** Records an expectation; returns whether it passed. */
  public boolean check(String expectation, boolean passed, Object observed) {
    checks.add(new Check(expectation, passed, String.valueOf(observed)));
    return passed;
  }

  public boolean passed() {
    return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
  }

  public List<Check> checks() {
    return List.copyOf(checks);
  }

  public List<Check> missed() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  public List<Figure> figures() {
    return List.copyOf(figures);
  }

  /** The value of a figure, for tests; throws when no such figure was recorded. */
  public Object value(String name) {
    return figures.stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no figure '" + name + "' in\n" + table()))
        .value();
  }

  /** A numeric figure, for tests; NaN when it was recorded as unmeasured. */
  public double number(String name) {
    Object value = value(name);
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** 0 when every check passed, 1 when one was missed (or none was made). */
  public int exitCode() {
    return passed() ? 0 : 1;
  }

  /** The human table: settings, figures, then every check marked ok or MISSED. */
  public String table() {
    StringBuilder out = new StringBuilder();
    out.append("suite ").append(suite);
    settings.forEach((k, v) -> out.append("  ").append(k).append('=').append(v));
    out.append('\n');
    int width = figures.stream().mapToInt(f -> f.name().length()).max().orElse(0);
    for (Figure f : figures) {
      out.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%s%n", f.name(), format(f.value()),
          f.unit().isEmpty() || f.value() == null ? "" : " " + f.unit()));
    }
    for (Check c : checks) {
      out.append(c.passed() ? "  ok      " : "  MISSED  ").append(c.expectation())
          .append(" (").append(c.observed()).append(")\n");
    }
    out.append(passed() ? "PASSED" : checks.isEmpty() ? "NO CHECKS MADE" : "FAILED: " + missed().size()
        + " of " + checks.size() + " checks missed").append('\n');
    return out.toString();
  }

  @Override
  public String toString() {
    return table();
  }

  public String json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("suite", suite);
    root.put("passed", passed());
    root.put("settings", settings);
    List<Map<String, Object>> figureList = new ArrayList<>();
    for (Figure f : figures) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", f.name());
      m.put("unit", f.unit());
      m.put("value", f.value());
      figureList.add(m);
    }
    root.put("figures", figureList);
    root.put("checks", checks);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String format(Object value) {
    if (value == null) {
      return "-";
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%.2f", d);
    }
    return value.toString();
  }
}
