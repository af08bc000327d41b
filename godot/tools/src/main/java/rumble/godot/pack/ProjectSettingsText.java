package rumble.godot.pack;

import java.util.ArrayList;
import java.util.List;

/** Edits the text of {@code project.godot} for a test pack: another main scene, no autoloads. */
final class ProjectSettingsText {

  private static final String APPLICATION = "[application]";
  private static final String AUTOLOAD = "[autoload]";
  private static final String MAIN_SCENE = "run/main_scene=";

  private ProjectSettingsText() {}

  /** {@code text} with {@code run/main_scene} set to {@code mainScene} (unless null) and, unless
   * {@code autoloads}, without the {@code [autoload]} section. */
  static String adjust(String text, String mainScene, boolean autoloads) {
    if (mainScene == null && autoloads) {
      return text;
    }
    List<String> out = new ArrayList<>();
    String section = "";
    boolean sceneWritten = false;
    for (String line : text.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
        if (section.equals(APPLICATION) && mainScene != null && !sceneWritten) {
          insertBeforeBlankTail(out, MAIN_SCENE + quote(mainScene));
          sceneWritten = true;
        }
        section = trimmed;
      }
      if (!autoloads && section.equals(AUTOLOAD)) {
        continue;
      }
      if (mainScene != null && section.equals(APPLICATION) && trimmed.startsWith(MAIN_SCENE)) {
        out.add(MAIN_SCENE + quote(mainScene));
        sceneWritten = true;
        continue;
      }
      out.add(line);
    }
    if (mainScene != null && !sceneWritten) {
      if (section.equals(APPLICATION)) {
        insertBeforeBlankTail(out, MAIN_SCENE + quote(mainScene));
      } else {
        out.add(APPLICATION);
        out.add(MAIN_SCENE + quote(mainScene));
        out.add("");
      }
    }
    return String.join("\n", out);
  }

  private static void insertBeforeBlankTail(List<String> lines, String line) {
    int at = lines.size();
    while (at > 0 && lines.get(at - 1).isBlank()) {
      at--;
    }
    lines.add(at, line);
  }

  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
