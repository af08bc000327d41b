package rumble.godot.pack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes a Godot resource pack, format version 3 as read by Godot 4.6's {@code PackedSourcePCK}:
 * a 112-byte header, the files' bytes (each aligned to 16), then the directory at the end. All
 * numbers little-endian; paths without {@code res://}.
 */
public final class PckWriter {

  static final int MAGIC = 0x43504447; // "GDPC"
  static final int FORMAT_VERSION = 3;
  static final int FLAG_REL_FILEBASE = 0x2;
  static final int HEADER_SIZE = 112;
  static final int ALIGNMENT = 16;

  /** The engine refuses packs that claim a newer major.minor than itself; ours is 4.6. */
  private static final int[] GODOT_VERSION = {4, 6, 0};

  private PckWriter() {}

  /** The pack of {@code files} (path → content, written in the map's order). */
  public static byte[] write(SortedMap<String, byte[]> files) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    ByteArrayOutputStream directory = new ByteArrayOutputStream();
    writeInt(directory, files.size());
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      byte[] content = file.getValue();
      long offset = data.size();
      data.writeBytes(content);
      data.writeBytes(new byte[pad(data.size(), ALIGNMENT)]);
      byte[] path = file.getKey().getBytes(StandardCharsets.UTF_8);
      int padded = path.length + pad(path.length, 4);
      writeInt(directory, padded);
      directory.writeBytes(path);
      directory.writeBytes(new byte[padded - path.length]);
      writeLong(directory, offset);
      writeLong(directory, content.length);
      directory.writeBytes(md5(content));
      writeInt(directory, 0); // plain: not encrypted, not a removal, not a delta
    }
    ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(MAGIC).putInt(FORMAT_VERSION);
    for (int part : GODOT_VERSION) {
      header.putInt(part);
    }
    header.putInt(FLAG_REL_FILEBASE);
    header.putLong(HEADER_SIZE); // file base
    header.putLong(HEADER_SIZE + (long) data.size()); // directory offset
    ByteArrayOutputStream pack = new ByteArrayOutputStream(HEADER_SIZE + data.size() + directory.size());
    pack.writeBytes(header.array()); // the 16 reserved ints and the padding stay zero
    pack.writeBytes(data.toByteArray());
    pack.writeBytes(directory.toByteArray());
    return pack.toByteArray();
  }

  /** Writes the pack to {@code out} atomically (a reader never sees half a pack). */
  public static void write(SortedMap<String, byte[]> files, Path out) {
    try {
      Path parent = out.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temp = Files.createTempFile(parent, out.getFileName().toString(), ".tmp");
      Files.write(temp, write(files));
      Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
  }

  static byte[] md5(byte[] content) {
    try {
      return MessageDigest.getInstance("MD5").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int pad(int length, int alignment) {
    return (alignment - length % alignment) % alignment;
  }

  private static void writeInt(ByteArrayOutputStream out, int value) {
    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
  }

  private static void writeLong(ByteArrayOutputStream out, long value) {
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
  }
}
