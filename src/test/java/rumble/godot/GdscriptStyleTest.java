package rumble.godot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The client's GDScript is typed and formatted the way gdtoolkit's {@code gdformat} and
 * {@code gdlint} want it. gdtoolkit comes from PyPI, which some machines cannot reach, so the rules
 * that matter most are also checked here in plain Java: tabs, line length, trailing whitespace,
 * naming, typed parameters, return types and variables, and two blank lines between top-level
 * functions. When gdtoolkit is installed ({@code .ci/run} tries), it runs too.
 */
class GdscriptStyleTest {

  private static final Path PROJECT = Path.of("godot");
  private static final int MAX_LINE = 100;
  private static final int TAB_WIDTH = 4;

  private static final Pattern FUNC = Pattern.compile("^(\\t*)(static\\s+)?func\\s+(\\w+)\\s*\\(");
  private static final Pattern VAR = Pattern.compile("^\\t*(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:static\\s+)?var\\s+(\\w+)(.*)$");
  private static final Pattern CLASS = Pattern.compile("^(\\t*)(?:class_name|class)\\s+(\\w+)");
  private static final Pattern SIGNAL = Pattern.compile("^\\t*signal\\s+(\\w+)");
  private static final Pattern SNAKE = Pattern.compile("_?[a-z][a-z0-9_]*");
  private static final Pattern PASCAL = Pattern.compile("_?[A-Z][A-Za-z0-9]*");
  private static final Pattern TYPED_PARAM = Pattern.compile("^\\w+\\s*(:\\s*[\\w.\\[\\], ]+?\\s*(=.+)?|:=.+)$", Pattern.DOTALL);

  @Test
  void everyScriptFollowsTheHouseStyle() {
    List<Path> scripts = scripts();
    assertFalse(scripts.isEmpty(), "no GDScript found under " + PROJECT);
    List<String> problems = new ArrayList<>();
    for (Path script : scripts) {
      check(script, problems);
    }
    assertEquals(List.of(), problems, "GDScript style problems");
  }

  @Test
  void gdtoolkitFormatsAndLintsCleanlyWhereInstalled() throws Exception {
    Assumptions.assumeTrue(onPath("gdformat") && onPath("gdlint"),
        "gdtoolkit is not installed (pip install gdtoolkit==4.5.0); the Java rules above still ran");
    List<String> files = scripts().stream().map(Path::toString).toList();
    assertEquals("", run("gdformat", "--check", files), "gdformat --check");
    assertEquals("", run("gdlint", null, files), "gdlint");
  }

  private static void check(Path script, List<String> problems) {
    String text = read(script);
    String where = script.toString();
    if (!text.isEmpty() && (!text.endsWith("\n") || text.endsWith("\n\n"))) {
      problems.add(where + ": must end with exactly one newline");
    }
    String[] lines = text.split("\n", -1);
    boolean seenTopLevelCode = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String at = where + ":" + (i + 1) + ": ";
      if (line.isBlank()) {
        if (!line.isEmpty()) {
          problems.add(at + "whitespace on a blank line");
        }
        continue;
      }
      if (line.matches("^\\t* +.*") && !line.trim().startsWith("#")) {
        problems.add(at + "indent with tabs, not spaces");
      }
      if (line.endsWith(" ") || line.endsWith("\t")) {
        problems.add(at + "trailing whitespace");
      }
      if (width(line) > MAX_LINE) {
        problems.add(at + "longer than " + MAX_LINE + " columns");
      }
      Matcher func = FUNC.matcher(line);
      if (func.find()) {
        if (!SNAKE.matcher(func.group(3)).matches()) {
          problems.add(at + "function " + func.group(3) + " is not snake_case");
        }
        checkSignature(lines, i, at, problems);
        boolean topLevel = func.group(1).isEmpty();
        if (topLevel && seenTopLevelCode && blankLinesBefore(lines, i) != 2) {
          problems.add(at + "two blank lines before a top-level function");
        }
      }
      Matcher cls = CLASS.matcher(line);
      if (cls.find() && !PASCAL.matcher(cls.group(2)).matches()) {
        problems.add(at + "class " + cls.group(2) + " is not PascalCase");
      }
      Matcher signal = SIGNAL.matcher(line);
      if (signal.find() && !SNAKE.matcher(signal.group(1)).matches()) {
        problems.add(at + "signal " + signal.group(1) + " is not snake_case");
      }
      Matcher var = VAR.matcher(line);
      if (var.find()) {
        String rest = var.group(2).trim();
        if (!rest.startsWith(":")) {
          problems.add(at + "var " + var.group(1) + " has no type (use ': Type' or ':=')");
        }
        if (!SNAKE.matcher(var.group(1)).matches()) {
          problems.add(at + "var " + var.group(1) + " is not snake_case");
        }
      }
      if (!line.startsWith("\t") && !line.startsWith("#")) {
        seenTopLevelCode = true;
      }
    }
  }

  /** A declaration may wrap over several lines: gather it up to the colon that ends it. */
  private static void checkSignature(String[] lines, int start, String at, List<String> problems) {
    StringBuilder declaration = new StringBuilder();
    for (int i = start; i < lines.length && i < start + 20; i++) {
      declaration.append(lines[i].strip()).append(' ');
      if (parenDepth(declaration) == 0 && declaration.toString().strip().endsWith(":")) {
        break;
      }
    }
    String text = declaration.toString().strip();
    int open = text.indexOf('(');
    int close = matchingParen(text, open);
    if (close < 0) {
      problems.add(at + "cannot read the function signature");
      return;
    }
    for (String parameter : splitTopLevel(text.substring(open + 1, close))) {
      if (!parameter.isBlank() && !TYPED_PARAM.matcher(parameter.strip()).matches()) {
        problems.add(at + "parameter '" + parameter.strip() + "' has no type");
      }
    }
    if (!text.substring(close + 1).strip().startsWith("->")) {
      problems.add(at + "function has no return type");
    }
  }

  private static int blankLinesBefore(String[] lines, int index) {
    int i = index - 1;
    while (i >= 0 && (lines[i].startsWith("#") || lines[i].startsWith("@"))) {
      i--; // a doc comment or annotation belongs to the function below it
    }
    int blanks = 0;
    while (i >= 0 && lines[i].isEmpty()) {
      blanks++;
      i--;
    }
    return blanks;
  }

  private static int parenDepth(CharSequence text) {
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '(' || c == '[' || c == '{')) {
        depth++;
      } else if (!quoted && (c == ')' || c == ']' || c == '}')) {
        depth--;
      }
    }
    return depth;
  }

  private static int matchingParen(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  private static List<String> splitTopLevel(String parameters) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < parameters.length(); i++) {
      char c = parameters.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(parameters.substring(from, i));
        from = i + 1;
      }
    }
    parts.add(parameters.substring(from));
    return parts;
  }

  private static int width(String line) {
    int width = 0;
    for (int i = 0; i < line.length(); i++) {
      width += line.charAt(i) == '\t' ? TAB_WIDTH : 1;
    }
    return width;
  }

  static List<Path> scripts() {
    try (Stream<Path> files = Files.walk(PROJECT)) {
      return files.filter(f -> f.toString().endsWith(".gd"))
          .filter(f -> !f.startsWith(PROJECT.resolve("tools")))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }

  /** Runs a gdtoolkit command over the files; returns its output when it fails, "" when it passes. */
  private static String run(String command, String flag, List<String> files) throws Exception {
    List<String> argv = new ArrayList<>();
    argv.add(command);
    if (flag != null) {
      argv.add(flag);
    }
    argv.addAll(files);
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return command + " did not finish in 60 s";
    }
    return process.exitValue() == 0 ? "" : output;
  }
}
