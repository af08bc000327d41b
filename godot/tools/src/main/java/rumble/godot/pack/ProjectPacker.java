package rumble.godot.pack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Collects a text-only Godot project ({@code project.godot}, scenes, resources, scripts) into a
 * pack. Skips dotfiles, folders holding a {@code .gdignore} (as the editor does), {@code tools/},
 * {@code build/}, {@code export_presets.cfg} and, unless asked, {@code tests/}; adds the generated
 * script class cache. A test pack can include
 * {@code tests/} and extra files, start another main scene and leave the autoloads out.
 *
 * <pre>{@code
 * byte[] pck = ProjectPacker.of(Path.of("godot")).includeTests().mainScene("res://tests/codec_test.tscn").pack();
 * }</pre>
 */
public final class ProjectPacker {

  /** What Godot can load from a pack without the editor's import step. */
  private static final Set<String> PACKED_EXTENSIONS =
      Set.of("godot", "tscn", "tres", "gd", "gdshader", "gdshaderinc", "cfg", "json");
  private static final String PROJECT = "project.godot";
  /** Build tools, editor exports and the editor's export settings (as the Web preset leaves out). */
  private static final Set<String> EXCLUDED_AT_TOP = Set.of("tools", "build", "export_presets.cfg");

  private final Path projectDir;
  private boolean includeTests;
  private String mainScene;
  private boolean autoloads = true;
  private final SortedMap<String, byte[]> extraFiles = new TreeMap<>();

  private ProjectPacker(Path projectDir) {
    this.projectDir = projectDir;
  }

  /** A packer of the project in {@code projectDir} (the folder holding {@code project.godot}). */
  public static ProjectPacker of(Path projectDir) {
    return new ProjectPacker(projectDir);
  }

  /** Packs {@code tests/} too. */
  public ProjectPacker includeTests() {
    this.includeTests = true;
    return this;
  }

  /** Starts {@code scene} ({@code res://…}) instead of the project's {@code run/main_scene}. */
  public ProjectPacker mainScene(String scene) {
    if (!scene.startsWith("res://")) {
      throw new IllegalArgumentException("a main scene is a res:// path: " + scene);
    }
    this.mainScene = scene;
    return this;
  }

  /** Leaves the project's {@code [autoload]} section out (a test scene that needs no network). */
  public ProjectPacker withoutAutoloads() {
    this.autoloads = false;
    return this;
  }

  /** Adds or replaces the file at {@code path} ({@code res://} optional). */
  public ProjectPacker extraFile(String path, byte[] content) {
    extraFiles.put(path.replaceFirst("^res://", ""), content.clone());
    return this;
  }

  public ProjectPacker extraFile(String path, String text) {
    return extraFile(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The files the pack holds, by pack path (no {@code res://}), sorted. */
  public SortedMap<String, byte[]> files() {
    SortedMap<String, byte[]> files = new TreeMap<>();
    for (Path file : projectFiles()) {
      files.put(packPath(file), read(file));
    }
    files.putAll(extraFiles);
    byte[] project = files.get(PROJECT);
    if (project == null) {
      throw new IllegalArgumentException("no " + PROJECT + " in " + projectDir.toAbsolutePath());
    }
    files.put(PROJECT, ProjectSettingsText.adjust(new String(project, StandardCharsets.UTF_8), mainScene,
        autoloads).getBytes(StandardCharsets.UTF_8));
    if (mainScene != null && !files.containsKey(mainScene.substring("res://".length()))) {
      throw new IllegalArgumentException("main scene " + mainScene + " is not in the pack");
    }
    Map<String, String> scripts = new TreeMap<>();
    files.forEach((path, content) -> {
      if (path.endsWith(".gd")) {
        scripts.put(path, new String(content, StandardCharsets.UTF_8));
      }
    });
    files.put(ClassCache.PATH, ClassCache.generate(scripts).getBytes(StandardCharsets.UTF_8));
    return files;
  }

  /** The pack's bytes; the same project always gives the same bytes. */
  public byte[] pack() {
    return PckWriter.write(files());
  }

  /** Writes the pack to {@code out} (atomically) and returns it. */
  public Path writeTo(Path out) {
    PckWriter.write(files(), out);
    return out;
  }

  private List<Path> projectFiles() {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(projectDir)) {
      paths.filter(Files::isRegularFile).filter(this::packed).forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + projectDir, e);
    }
    return files;
  }

  private boolean packed(Path file) {
    Path relative = projectDir.relativize(file);
    String first = relative.getName(0).toString();
    if (EXCLUDED_AT_TOP.contains(first) || (first.equals("tests") && !includeTests)) {
      return false;
    }
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return false;
      }
    }
    for (Path dir = file.getParent(); dir != null && dir.startsWith(projectDir); dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".gdignore"))) {
        return false;
      }
    }
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && PACKED_EXTENSIONS.contains(name.substring(dot + 1));
  }

  private String packPath(Path file) {
    return projectDir.relativize(file).toString().replace('\\', '/');
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
