package rumble.godot.pack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step: {@code PackTool <project dir> <out.pck>} packs the shipped client. Without a
 * {@code project.godot} it only warns (the client is not written yet) and removes a stale pack.
 */
public final class PackTool {

  private PackTool() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: PackTool <godot project dir> <out.pck>");
    }
    Path project = Path.of(args[0]);
    Path out = Path.of(args[1]);
    if (!Files.exists(project.resolve("project.godot"))) {
      Files.deleteIfExists(out);
      System.out.println("[pack] WARNING: no " + project.resolve("project.godot") + ", so no client pack;"
          + " the server's page will say so");
      return;
    }
    long start = System.nanoTime();
    var files = ProjectPacker.of(project).files();
    PckWriter.write(files, out);
    System.out.println("[pack] " + out + ": " + files.size() + " files, " + Files.size(out) + " bytes ("
        + (System.nanoTime() - start) / 1_000_000 + " ms)");
  }
}
