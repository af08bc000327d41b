package rumble.loadtest;

import java.util.Locale;

/** Number formatting for the progress line and the report table; {@code n/a} for missing values. */
final class Format {

  static final String NA = "n/a";

  private Format() {}

  /** An integer-looking number without decimals, else up to two decimals. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return NA;
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) value);
    }
    return String.format(Locale.ROOT, "%,.2f", value);
  }

  static String number(Double value) {
    return value == null ? NA : number(value.doubleValue());
  }

  static String fixed(Double value, int decimals) {
    return value == null || value.isNaN() ? NA : String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** Bytes with a binary unit: 512 B, 2.4 KiB, 13.0 MiB. */
  static String bytes(Double value) {
    if (value == null || value.isNaN()) {
      return NA;
    }
    double v = value;
    if (Math.abs(v) < 1024) {
      return String.format(Locale.ROOT, "%.0f B", v);
    }
    if (Math.abs(v) < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", v / 1024);
    }
    if (Math.abs(v) < 1024.0 * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", v / (1024 * 1024));
    }
    return String.format(Locale.ROOT, "%.2f GiB", v / (1024.0 * 1024 * 1024));
  }

  static String percent(Double value) {
    return value == null || value.isNaN() ? NA : String.format(Locale.ROOT, "%.2f %%", value);
  }

  static String millis(Double value) {
    return value == null || value.isNaN() ? NA : String.format(Locale.ROOT, "%.2f ms", value);
  }
}
