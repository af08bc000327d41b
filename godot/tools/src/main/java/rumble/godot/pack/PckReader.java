package rumble.godot.pack;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a Godot resource pack (format 2 or 3) back into its files and checks every file's MD5:
 * the packer's self-test, and a way to look inside a pack.
 */
public final class PckReader {

  /** What the header says besides the files. */
  public record Pack(int formatVersion, String godotVersion, Map<String, byte[]> files) {}

  private PckReader() {}

  /** The pack's files in directory order; throws {@link IllegalArgumentException} if it is damaged. */
  public static Pack read(byte[] pck) {
    try {
      return parse(ByteBuffer.wrap(pck).order(ByteOrder.LITTLE_ENDIAN));
    } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("truncated pack", e);
    }
  }

  private static Pack parse(ByteBuffer in) {
    require(in.getInt() == PckWriter.MAGIC, "not a Godot pack (no GDPC magic)");
    int format = in.getInt();
    require(format == 2 || format == 3, "unsupported pack format " + format);
    String version = in.getInt() + "." + in.getInt() + "." + in.getInt();
    long fileBase = 0;
    if (format == 3) {
      int flags = in.getInt();
      require((flags & 1) == 0, "encrypted directories are not supported");
      fileBase = in.getLong();
      long directory = in.getLong();
      if ((flags & PckWriter.FLAG_REL_FILEBASE) == 0) {
        throw new IllegalArgumentException("absolute file base is not supported");
      }
      in.position(Math.toIntExact(directory));
    } else {
      in.position(in.position() + 16 * 4); // v2: reserved, then the directory
    }
    int count = in.getInt();
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      byte[] rawPath = new byte[in.getInt()];
      in.get(rawPath);
      String path = new String(rawPath, StandardCharsets.UTF_8).replaceAll("\0+$", "");
      long offset = in.getLong();
      long size = in.getLong();
      byte[] md5 = new byte[16];
      in.get(md5);
      int flags = in.getInt();
      require(flags == 0, path + ": unsupported file flags " + flags);
      long start = fileBase + offset;
      require(offset >= 0 && size >= 0 && start + size <= in.limit(), path + ": data past the end of the pack");
      byte[] content = Arrays.copyOfRange(in.array(), Math.toIntExact(start), Math.toIntExact(start + size));
      require(Arrays.equals(md5, PckWriter.md5(content)), path + ": MD5 mismatch");
      require(files.put(path, content) == null, path + ": listed twice");
    }
    return new Pack(format, version, files);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
