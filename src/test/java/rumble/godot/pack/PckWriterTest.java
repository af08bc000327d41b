package rumble.godot.pack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PckWriterTest {

  private static SortedMap<String, byte[]> sample() {
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put("project.godot", "config_version=5\n".getBytes(StandardCharsets.UTF_8));
    files.put("a/bc.gd", "extends Node\n".getBytes(StandardCharsets.UTF_8)); // path length 7: padded to 8
    files.put("abcd.tscn", new byte[0]);
    files.put("ü.gd", new byte[] {1, 2, 3});
    return files;
  }

  @Test
  void readsBackEveryFileWithItsMd5() {
    PckReader.Pack pack = PckReader.read(PckWriter.write(sample()));
    assertEquals(3, pack.formatVersion());
    assertEquals("4.6.0", pack.godotVersion());
    assertEquals(List.of("a/bc.gd", "abcd.tscn", "project.godot", "ü.gd"), List.copyOf(pack.files().keySet()));
    sample().forEach((path, content) -> assertArrayEquals(content, pack.files().get(path), path));
  }

  @Test
  void headerIsFormatThreeWithRelativeFileBaseAndDirectoryAtTheEnd() {
    ByteBuffer pck = ByteBuffer.wrap(PckWriter.write(sample())).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0x43504447, pck.getInt(0));
    assertEquals(3, pck.getInt(4));
    assertEquals(4, pck.getInt(8));
    assertEquals(6, pck.getInt(12));
    assertEquals(0x2, pck.getInt(20));
    assertEquals(112, pck.getLong(24));
    long directory = pck.getLong(32);
    assertEquals(4, pck.getInt((int) directory));
    assertEquals(8, pck.getInt((int) directory + 4), "path lengths are padded to a multiple of 4");
    for (int reserved = 40; reserved < 112; reserved++) {
      assertEquals(0, pck.get(reserved));
    }
  }

  @Test
  void filesAreAlignedToSixteenBytes() {
    ByteBuffer pck = ByteBuffer.wrap(PckWriter.write(sample())).order(ByteOrder.LITTLE_ENDIAN);
    int at = (int) pck.getLong(32) + 4;
    for (int i = 0; i < 4; i++) {
      int pathLength = pck.getInt(at);
      long offset = pck.getLong(at + 4 + pathLength);
      assertEquals(0, offset % 16);
      at += 4 + pathLength + 8 + 8 + 16 + 4;
    }
  }

  @Test
  void damagedPacksAreRejected() {
    byte[] pck = PckWriter.write(sample());
    byte[] flipped = pck.clone();
    flipped[112] ^= 1; // the first file's first byte
    assertThrows(IllegalArgumentException.class, () -> PckReader.read(flipped));
    byte[] truncated = java.util.Arrays.copyOf(pck, pck.length - 3);
    assertThrows(IllegalArgumentException.class, () -> PckReader.read(truncated));
    byte[] notAPack = pck.clone();
    notAPack[0] = 'X';
    assertThrows(IllegalArgumentException.class, () -> PckReader.read(notAPack));
  }
}
