package rumble.godot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import rumble.godot.CodecVectors.Vector;
import rumble.protocol.Packet.MsgCase;

/**
 * The offline golden vectors are what they claim to be: every message type, the malformed ones
 * rejected by protobuf-java, fuzz on both sides. Leaves the vector file in {@code target/codec-vectors/}
 * for a look (the in-engine test builds its own, with real room traffic).
 */
class GoldenVectorsTest {

  @Test
  void vectorsCoverEveryMessageAndTheMalformedOnesAreRejected() throws Exception {
    CodecVectors vectors = GoldenVectors.offline(300);
    List<Vector> all = vectors.vectors();

    Set<MsgCase> cases = all.stream().filter(v -> !v.malformed()).map(v -> v.packet().getMsgCase())
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(MsgCase.class)));
    assertEquals(EnumSet.allOf(MsgCase.class), cases, "a vector for every message type");

    for (Vector vector : all) {
      if (vector.name().startsWith("bad-")) {
        assertTrue(vector.malformed(), vector.name() + " should be rejected by protobuf-java");
      } else if (!vector.name().startsWith("fuzz-")) {
        assertTrue(!vector.malformed(), vector.name() + " should parse");
      }
    }

    assertTrue(all.stream().anyMatch(v -> v.name().startsWith("fuzz-") && v.malformed()));
    assertTrue(all.stream().anyMatch(v -> v.name().startsWith("fuzz-") && !v.malformed()));

    Path file = Path.of("target", "codec-vectors", "tests", "vectors.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, vectors.text(), StandardCharsets.UTF_8);
  }
}
