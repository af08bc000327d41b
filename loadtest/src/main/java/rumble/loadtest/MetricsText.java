package rumble.loadtest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A parsed Prometheus text exposition (version 0.0.4, as Micrometer writes it): samples of
 * {@code name{label="value",...} number [timestamp]}. Comments, blank lines and lines that do not
 * parse are skipped, so a partial or unexpected scrape still yields what it can. Every lookup
 * answers null when the meter is missing, never throws.
 */
public final class MetricsText {

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;

  private MetricsText(List<Sample> samples) {
    this.samples = samples;
  }

  public static MetricsText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Sample sample = parseLine(line);
      if (sample != null) {
        samples.add(sample);
      }
    }
    return new MetricsText(Collections.unmodifiableList(samples));
  }

  public List<Sample> samples() {
    return samples;
  }

  public boolean has(String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }

  /** The sum over every series of {@code name} whose labels include all of {@code labels}; null if none. */
  public Double sum(String name, String... labels) {
    return fold(name, labels, Double::sum);
  }

  /** The largest value over the matching series; null if none. */
  public Double max(String name, String... labels) {
    return fold(name, labels, Math::max);
  }

  /** The value of the first matching series; null if none. */
  public Double value(String name, String... labels) {
    return fold(name, labels, (a, b) -> a);
  }

  private Double fold(String name, String[] labels, java.util.function.BinaryOperator<Double> op) {
    Predicate<Sample> matches = matcher(name, labels);
    Double result = null;
    for (Sample sample : samples) {
      if (matches.test(sample) && !Double.isNaN(sample.value())) {
        result = result == null ? sample.value() : op.apply(result, sample.value());
      }
    }
    return result;
  }

  private static Predicate<Sample> matcher(String name, String[] labels) {
    if (labels.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in name, value pairs");
    }
    return sample -> {
      if (!sample.name().equals(name)) {
        return false;
      }
      for (int i = 0; i < labels.length; i += 2) {
        if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
          return false;
        }
      }
      return true;
    };
  }

  /** Parses one sample line, or null when it is not one. */
  static Sample parseLine(String line) {
    int i = 0;
    int n = line.length();
    while (i < n && isNameChar(line.charAt(i))) {
      i++;
    }
    if (i == 0) {
      return null;
    }
    String name = line.substring(0, i);
    Map<String, String> labels = Map.of();
    if (i < n && line.charAt(i) == '{') {
      labels = new LinkedHashMap<>();
      i++;
      while (true) {
        while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == ',')) {
          i++;
        }
        if (i >= n) {
          return null;
        }
        if (line.charAt(i) == '}') {
          i++;
          break;
        }
        int keyStart = i;
        while (i < n && isNameChar(line.charAt(i))) {
          i++;
        }
        String key = line.substring(keyStart, i);
        if (key.isEmpty() || i >= n || line.charAt(i) != '=' || i + 1 >= n || line.charAt(i + 1) != '"') {
          return null;
        }
        i += 2;
        StringBuilder value = new StringBuilder();
        while (i < n && line.charAt(i) != '"') {
          char c = line.charAt(i);
          if (c == '\\' && i + 1 < n) {
            char escaped = line.charAt(++i);
            value.append(escaped == 'n' ? '\n' : escaped);
          } else {
            value.append(c);
          }
          i++;
        }
        if (i >= n) {
          return null;
        }
        i++; // closing quote
        labels.put(key, value.toString());
      }
    }
    String rest = line.substring(i).strip();
    if (rest.isEmpty()) {
      return null;
    }
    String number = rest.split("\\s+")[0];
    try {
      double value = switch (number) {
        case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
        case "-Inf" -> Double.NEGATIVE_INFINITY;
        case "NaN" -> Double.NaN;
        default -> Double.parseDouble(number);
      };
      return new Sample(name, labels, value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean isNameChar(char c) {
    return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
