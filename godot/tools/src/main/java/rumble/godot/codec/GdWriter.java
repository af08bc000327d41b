package rumble.godot.codec;

/** Writes tab-indented GDScript lines and refuses any longer than gdformat allows. */
final class GdWriter {

  /** gdformat's limit, counting a tab as four columns. */
  static final int MAX_LINE = 100;

  private final StringBuilder text = new StringBuilder();
  private int indent;

  GdWriter line(String code) {
    if (code.isEmpty()) {
      text.append('\n');
      return this;
    }
    int width = indent * 4 + code.length();
    if (width > MAX_LINE) {
      throw new IllegalStateException("generated line is " + width + " columns: " + code);
    }
    text.append("\t".repeat(indent)).append(code).append('\n');
    return this;
  }

  GdWriter blank() {
    return line("");
  }

  /** Writes {@code code} and indents what follows one level deeper. */
  GdWriter open(String code) {
    line(code);
    indent++;
    return this;
  }

  GdWriter shift(int levels) {
    indent += levels;
    return this;
  }

  GdWriter close() {
    indent--;
    return this;
  }

  /** Runs {@code body} one level deeper than {@code code}. */
  GdWriter block(String code, Runnable body) {
    open(code);
    body.run();
    return close();
  }

  String text() {
    return text.toString();
  }
}
