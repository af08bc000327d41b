package rumble.godot.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/** Just enough of a tar reader for an npm tarball: plain ustar entries, gzip-compressed. */
final class TarGz {

  private static final int BLOCK = 512;

  private TarGz() {}

  /** The contents of the regular files named in {@code wanted} (paths as in the archive). */
  static Map<String, byte[]> extract(Path tgz, Set<String> wanted) throws IOException {
    Map<String, byte[]> found = new HashMap<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz), 1 << 16)) {
      byte[] header = new byte[BLOCK];
      while (readFully(in, header) && header[0] != 0) {
        String name = text(header, 0, 100);
        String prefix = text(header, 345, 155);
        if (!prefix.isEmpty()) {
          name = prefix + "/" + name;
        }
        long size = Long.parseLong(text(header, 124, 12).trim(), 8);
        char type = (char) header[156];
        long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
        if ((type == '0' || type == 0) && wanted.contains(name)) {
          ByteArrayOutputStream content = new ByteArrayOutputStream((int) size);
          copy(in, content, size);
          found.put(name, content.toByteArray());
          skip(in, padded - size);
        } else {
          skip(in, padded);
        }
      }
    }
    return found;
  }

  private static String text(byte[] block, int offset, int length) {
    int end = offset;
    while (end < offset + length && block[end] != 0) {
      end++;
    }
    return new String(block, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static boolean readFully(InputStream in, byte[] block) throws IOException {
    int read = in.readNBytes(block, 0, block.length);
    if (read == 0) {
      return false;
    }
    if (read < block.length) {
      throw new IOException("truncated tar header");
    }
    return true;
  }

  private static void copy(InputStream in, ByteArrayOutputStream out, long size) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long left = size;
    while (left > 0) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (read < 0) {
        throw new IOException("truncated tar entry");
      }
      out.write(buffer, 0, read);
      left -= read;
    }
  }

  private static void skip(InputStream in, long bytes) throws IOException {
    in.skipNBytes(bytes); // throws EOFException when the archive ends early
  }
}
