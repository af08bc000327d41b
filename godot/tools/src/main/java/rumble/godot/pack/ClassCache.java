package rumble.godot.pack;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates {@code res://.godot/global_script_class_cache.cfg}, the file the Godot editor writes
 * and the engine needs to resolve {@code class_name} classes, from the scripts' own
 * {@code class_name} / {@code extends} / {@code @tool} / {@code @abstract} / {@code @icon} lines.
 */
final class ClassCache {

  static final String PATH = ".godot/global_script_class_cache.cfg";

  private static final Pattern CLASS_NAME = Pattern.compile("^(?:@\\w+\\s+)*class_name\\s+(\\w+)");
  private static final Pattern EXTENDS = Pattern.compile("(?:^|\\s)extends\\s+(\"[^\"]*\"|'[^']*'|[\\w.]+)");
  private static final Pattern ICON = Pattern.compile("^@icon\\(\\s*\"([^\"]*)\"");
  /** Top-level members: the class header (class_name, extends, annotations) is above them. */
  private static final Pattern MEMBER =
      Pattern.compile("^(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:static\\s+)?(func|var|const|signal|enum|class)\\b");
  private static final String DEFAULT_BASE = "RefCounted";

  private record Header(String className, String extendsText, String icon, boolean tool, boolean isAbstract) {}

  private record Entry(String className, String base, String icon, boolean tool, boolean isAbstract,
      String path) {}

  private ClassCache() {}

  /** The cache for {@code scripts} (pack path → GDScript source); {@code list=[]} when none is global. */
  static String generate(Map<String, String> scripts) {
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, String> script : scripts.entrySet()) {
      Header header = header(script.getValue());
      if (header.className() != null) {
        entries.add(new Entry(header.className(), base(script.getKey(), scripts, new HashSet<>()),
            header.icon(), header.tool(), header.isAbstract(), "res://" + script.getKey()));
      }
    }
    entries.sort((a, b) -> a.className().compareTo(b.className()));
    List<String> items = new ArrayList<>();
    for (Entry e : entries) {
      items.add("{\n\"base\": &\"" + e.base() + "\",\n\"class\": &\"" + e.className()
          + "\",\n\"icon\": \"" + e.icon() + "\",\n\"is_abstract\": " + e.isAbstract()
          + ",\n\"is_tool\": " + e.tool() + ",\n\"language\": &\"GDScript\",\n\"path\": \""
          + e.path() + "\"\n}");
    }
    return "list=[" + String.join(", ", items) + "]\n";
  }

  /**
   * The base the editor records: the named class after {@code extends}; for a path, that script's
   * class_name, or its own base if it has none; RefCounted without {@code extends}.
   */
  private static String base(String path, Map<String, String> scripts, Set<String> seen) {
    String source = scripts.get(path);
    if (source == null || !seen.add(path)) {
      return DEFAULT_BASE;
    }
    String parent = header(source).extendsText();
    if (parent == null) {
      return DEFAULT_BASE;
    }
    if (!parent.startsWith("\"") && !parent.startsWith("'")) {
      return parent;
    }
    String parentPath = parent.substring(1, parent.length() - 1).replaceFirst("^res://", "");
    String parentSource = scripts.get(parentPath);
    if (parentSource != null && header(parentSource).className() != null) {
      return header(parentSource).className();
    }
    return base(parentPath, scripts, seen);
  }

  private static Header header(String source) {
    String className = null;
    String extendsText = null;
    String icon = "";
    boolean tool = false;
    boolean isAbstract = false;
    for (String line : source.split("\n")) {
      String text = line.replaceFirst("#.*$", "").stripTrailing();
      if (text.isEmpty() || Character.isWhitespace(text.charAt(0))) {
        continue;
      }
      if (MEMBER.matcher(text).find()) {
        break;
      }
      tool |= text.matches("^@tool\\b.*");
      isAbstract |= text.matches("^@abstract\\b.*");
      Matcher m = CLASS_NAME.matcher(text);
      if (m.find()) {
        className = m.group(1);
      }
      m = EXTENDS.matcher(text);
      if (m.find()) {
        extendsText = m.group(1);
      }
      m = ICON.matcher(text);
      if (m.find()) {
        icon = m.group(1);
      }
    }
    return new Header(className, extendsText, icon, tool, isAbstract);
  }
}
