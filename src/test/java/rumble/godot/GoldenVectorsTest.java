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
import org.junit.jupiter.api.io.TempDir;
import rumble.godot.CodecVectors.Bench;
import rumble.godot.CodecVectors.Vector;
import rumble.protocol.Packet.MsgCase;
import rumble.protocol.WorldDeltaMessage;

/**
 * The golden vectors themselves are what they claim to be: every message type, the malformed ones
 * rejected by protobuf-java, and real room traffic with a crowded keyframe. Leaves the vector file in
 * {@code target/codec-vectors/} for a look (the in-engine test builds its own).
 */
class GoldenVectorsTest {

  @TempDir Path dataDir;

  @Test
  void vectorsCoverEveryMessageEdgeCasesAndRealTraffic() throws Exception {
    CodecVectors vectors = GoldenVectors.build(dataDir, 40, 300);
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

    List<Vector> deltas = all.stream().filter(v -> v.bench() == Bench.DELTA).toList();
    List<Vector> keyframes = all.stream().filter(v -> v.bench() == Bench.KEYFRAME).toList();
    assertTrue(deltas.size() >= 30, "captured deltas: " + deltas.size());
    assertEquals(2, keyframes.size(), "the keyframe on joining and the requested one");
    WorldDeltaMessage crowded = keyframes.get(1).packet().getWorldDelta();
    assertTrue(crowded.getSporesCount() >= 250 && crowded.getPlayersCount() >= 2,
        "a crowded keyframe: " + crowded.getPlayersCount() + " players, " + crowded.getSporesCount() + " spores");
    assertTrue(all.stream().anyMatch(v -> v.name().startsWith("fuzz-") && v.malformed()));
    assertTrue(all.stream().anyMatch(v -> v.name().startsWith("fuzz-") && !v.malformed()));

    Path file = Path.of("target", "codec-vectors", "tests", "vectors.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, vectors.text(), StandardCharsets.UTF_8);
  }
}
