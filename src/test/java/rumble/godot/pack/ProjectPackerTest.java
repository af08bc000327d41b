package rumble.godot.pack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectPackerTest {

  private static final String PROJECT = """
      config_version=5

      [application]

      config/name="Test"
      run/main_scene="res://main.tscn"

      [autoload]

      Net="*res://net.gd"

      [display]

      window/size/viewport_width=1152
      """;

  @TempDir
  Path dir;

  private void write(String path, String text) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private void sampleProject() throws IOException {
    write("project.godot", PROJECT);
    write("main.tscn", "[gd_scene format=3]\n");
    write("net.gd", "extends Node\n");
    write("ui/helper.gd", "class_name Helper\nextends RefCounted\n\nfunc f() -> void:\n\tpass\n");
    write("ui/special.gd", "@tool\nextends \"res://ui/helper.gd\"\nclass_name Special\n");
    write("ui/theme.tres", "[gd_resource format=3]\n");
    write("ui/notes.md", "not packed");
    write("ui/icon.gd.uid", "uid://abc");
    write("tests/codec_test.tscn", "[gd_scene format=3]\n");
    write("tools/src/main/java/X.java", "class X {}");
    write("tools/.gdignore", "");
    write(".godot/editor/cache", "editor state");
    write(".hidden.gd", "extends Node");
    write("ignored/.gdignore", "");
    write("ignored/x.gd", "extends Node");
    write("export_presets.cfg", "[preset.0]");
    write("build/web/index.pck", "an editor export");
    write("build/web/x.gd", "extends Node");
  }

  private static String text(Map<String, byte[]> files, String path) {
    return new String(files.get(path), StandardCharsets.UTF_8);
  }

  @Test
  void packsTheTextProjectAndNothingElse() throws IOException {
    sampleProject();
    assertEquals(List.of(".godot/global_script_class_cache.cfg", "main.tscn", "net.gd", "project.godot",
        "ui/helper.gd", "ui/special.gd", "ui/theme.tres"), List.copyOf(ProjectPacker.of(dir).files().keySet()));
  }

  @Test
  void theClassCacheListsClassNamesWithTheirBases() throws IOException {
    sampleProject();
    String cache = text(ProjectPacker.of(dir).files(), ".godot/global_script_class_cache.cfg");
    assertEquals("""
        list=[{
        "base": &"RefCounted",
        "class": &"Helper",
        "icon": "",
        "is_abstract": false,
        "is_tool": false,
        "language": &"GDScript",
        "path": "res://ui/helper.gd"
        }, {
        "base": &"Helper",
        "class": &"Special",
        "icon": "",
        "is_abstract": false,
        "is_tool": true,
        "language": &"GDScript",
        "path": "res://ui/special.gd"
        }]
        """, cache);
  }

  @Test
  void anEmptyClassCacheIsAnEmptyList() throws IOException {
    write("project.godot", PROJECT);
    write("main.tscn", "");
    assertEquals("list=[]\n", text(ProjectPacker.of(dir).files(), ".godot/global_script_class_cache.cfg"));
  }

  @Test
  void aTestPackHasTestsExtraFilesAnotherMainSceneAndNoAutoloads() throws IOException {
    sampleProject();
    Map<String, byte[]> files = ProjectPacker.of(dir).includeTests().withoutAutoloads()
        .extraFile("res://tests/vectors.json", "[]").mainScene("res://tests/codec_test.tscn").files();
    assertTrue(files.containsKey("tests/codec_test.tscn"));
    assertEquals("[]", text(files, "tests/vectors.json"));
    String project = text(files, "project.godot");
    assertTrue(project.contains("run/main_scene=\"res://tests/codec_test.tscn\"\n"), project);
    assertTrue(!project.contains("main.tscn") && !project.contains("[autoload]") && !project.contains("Net="),
        project);
    assertTrue(project.contains("[display]\n\nwindow/size/viewport_width=1152"), project);
  }

  @Test
  void aMainSceneIsAddedWhenTheProjectHasNone() throws IOException {
    write("project.godot", "config_version=5\n\n[application]\n\nconfig/name=\"T\"\n\n[display]\n");
    write("scene.tscn", "");
    String project = text(ProjectPacker.of(dir).mainScene("res://scene.tscn").files(), "project.godot");
    assertEquals("config_version=5\n\n[application]\n\nconfig/name=\"T\"\nrun/main_scene=\"res://scene.tscn\"\n\n"
        + "[display]\n", project);
  }

  @Test
  void aMissingMainSceneOrProjectIsAnError() throws IOException {
    assertThrows(IllegalArgumentException.class, () -> ProjectPacker.of(dir).files());
    sampleProject();
    assertThrows(IllegalArgumentException.class,
        () -> ProjectPacker.of(dir).mainScene("res://tests/codec_test.tscn").files());
  }

  @Test
  void theSameProjectGivesTheSameBytesAndTheReaderVerifiesThem() throws IOException {
    sampleProject();
    byte[] first = ProjectPacker.of(dir).pack();
    assertArrayEquals(first, ProjectPacker.of(dir).pack());
    Map<String, byte[]> read = PckReader.read(first).files();
    assertEquals(List.copyOf(ProjectPacker.of(dir).files().keySet()), List.copyOf(read.keySet()));
    assertEquals(PROJECT, text(read, "project.godot"));
  }
}
