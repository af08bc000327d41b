package rumble.godot.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzTest {

  @TempDir
  Path dir;

  /** A ustar header block: name (split into prefix/name when long), octal size, type. */
  private static byte[] header(String path, long size, char type) {
    byte[] block = new byte[512];
    String prefix = "";
    String name = path;
    if (path.length() > 100) {
      int slash = path.lastIndexOf('/');
      prefix = path.substring(0, slash);
      name = path.substring(slash + 1);
    }
    put(block, 0, name);
    put(block, 124, String.format("%011o", size));
    block[156] = (byte) type;
    put(block, 257, "ustar");
    put(block, 345, prefix);
    return block;
  }

  private static void put(byte[] block, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, block, offset, bytes.length);
  }

  private Path tgz(Object... entries) throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    for (int i = 0; i < entries.length; i += 3) {
      byte[] content = (byte[]) entries[i + 1];
      tar.writeBytes(header((String) entries[i], content.length, (char) entries[i + 2]));
      tar.writeBytes(content);
      tar.writeBytes(new byte[(512 - content.length % 512) % 512]);
    }
    tar.writeBytes(new byte[1024]);
    Path file = dir.resolve("p.tgz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(tar.toByteArray());
    }
    return file;
  }

  @Test
  void extractsTheWantedRegularFilesOnly() throws IOException {
    byte[] wasm = new byte[1500];
    Arrays.fill(wasm, (byte) 7);
    String longPath = "package/" + "d".repeat(100) + "/index.js";
    Path file = tgz("package/godot/", new byte[0], '5', "package/godot/index.wasm", wasm, '0',
        "package/godot/index.pck", new byte[700], '0', longPath, "x".getBytes(StandardCharsets.UTF_8), '0');
    Map<String, byte[]> found = TarGz.extract(file, Set.of("package/godot/index.wasm", longPath, "missing"));
    assertEquals(Set.of("package/godot/index.wasm", longPath), found.keySet());
    assertArrayEquals(wasm, found.get("package/godot/index.wasm"));
    assertEquals("x", new String(found.get(longPath), StandardCharsets.UTF_8));
  }

  @Test
  void aTruncatedArchiveIsAnError() throws IOException {
    Path file = tgz("package/godot/index.wasm", new byte[2000], '0');
    byte[] whole = Files.readAllBytes(file);
    Path cut = Files.write(dir.resolve("cut.tgz"), Arrays.copyOf(whole, whole.length / 2));
    assertThrows(IOException.class, () -> TarGz.extract(cut, Set.of("package/godot/index.wasm")));
  }

  @Test
  void integrityIsNpmsSha512Base64() throws IOException {
    Path file = Files.writeString(dir.resolve("abc"), "abc");
    assertEquals("sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw==",
        EngineFetch.integrityOf(file));
  }
}
