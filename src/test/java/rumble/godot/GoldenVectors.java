package rumble.godot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import rumble.godot.CodecVectors.Bench;
import rumble.http.CodecCapture;
import rumble.protocol.ChatMessage;
import rumble.protocol.DenyResponseMessage;
import rumble.protocol.DisconnectMessage;
import rumble.protocol.EatenEvent;
import rumble.protocol.FinishedBrowsingHiscoresMessage;
import rumble.protocol.GuestLoginRequestMessage;
import rumble.protocol.HiscoreBoardMessage;
import rumble.protocol.HiscoreBoardRequestMessage;
import rumble.protocol.HiscoreMessage;
import rumble.protocol.IdMessage;
import rumble.protocol.JoinedRoomMessage;
import rumble.protocol.KeyframeRequestMessage;
import rumble.protocol.LeaderboardEntry;
import rumble.protocol.LeaderboardMessage;
import rumble.protocol.LoginRequestMessage;
import rumble.protocol.OkResponseMessage;
import rumble.protocol.Packet;
import rumble.protocol.PlayerConsumedMessage;
import rumble.protocol.PlayerDelta;
import rumble.protocol.PlayerDirectionMessage;
import rumble.protocol.PlayerMessage;
import rumble.protocol.PlayerTargetMessage;
import rumble.protocol.RegisterRequestMessage;
import rumble.protocol.SearchHiscoreMessage;
import rumble.protocol.SporeConsumedMessage;
import rumble.protocol.SporeDelta;
import rumble.protocol.SporeMessage;
import rumble.protocol.SporesBatchMessage;
import rumble.protocol.WorldDeltaMessage;

/** The golden vectors: every message with edge values, hand-made odd encodings, real room traffic, fuzz. */
final class GoldenVectors {

  private GoldenVectors() {}

  static final String UNICODE = "ünïcødé ✓ — 日本語 🎮 ";

  /** Everything: the offline vectors, then about {@code liveDeltas} deltas of real room traffic. */
  static CodecVectors build(int liveDeltas, int fuzz) throws Exception {
    CodecVectors v = offline(fuzz);
    live(v, CodecCapture.capture(liveDeltas));
    return v;
  }

  /** The vectors that need no server: every message, hand-made encodings and {@code fuzz} mutations. */
  static CodecVectors offline(int fuzz) {
    CodecVectors v = new CodecVectors();
    synthetic(v);
    handMade(v);
    v.fuzz(7, fuzz);
    return v;
  }

  /** The captured traffic is worth timing: enough deltas, and a crowded keyframe. */
  static void assertLiveTraffic(CodecVectors vectors) {
    List<CodecVectors.Vector> all = vectors.vectors();
    List<CodecVectors.Vector> deltas = all.stream().filter(v -> v.bench() == Bench.DELTA).toList();
    List<CodecVectors.Vector> keyframes = all.stream().filter(v -> v.bench() == Bench.KEYFRAME).toList();
    assertTrue(deltas.size() >= 30, "captured deltas: " + deltas.size());
    assertEquals(2, keyframes.size(), "the keyframe on joining and the requested one");
    WorldDeltaMessage crowded = keyframes.get(1).packet().getWorldDelta();
    assertTrue(crowded.getSporesCount() >= 250 && crowded.getPlayersCount() >= 2,
        "a crowded keyframe: " + crowded.getPlayersCount() + " players, " + crowded.getSporesCount()
            + " spores");
  }

  static void synthetic(CodecVectors v) {
    v.add("empty-packet", Packet.getDefaultInstance());
    v.add("sender-only", Packet.newBuilder().setSenderId(300).build());
    v.add("chat-original", Packet.newBuilder().setSenderId(69).setChat(ChatMessage.newBuilder()
        .setMsg("Hello, world!")).build());
    v.add("chat-big-unicode", Packet.newBuilder().setSenderId(Long.MIN_VALUE)
        .setChat(ChatMessage.newBuilder().setMsg(UNICODE.repeat(40))).build());
    v.add("chat-relayed-with-name", Packet.newBuilder().setSenderId(12).setChat(ChatMessage.newBuilder()
        .setMsg("gg").setName("Zoë 日本")).build());
    v.add("chat-empty", Packet.newBuilder().setChat(ChatMessage.getDefaultInstance()).build());
    v.add("id-max", Packet.newBuilder().setSenderId(-1).setId(IdMessage.newBuilder().setId(-1)).build());
    v.add("id-zero", Packet.newBuilder().setId(IdMessage.newBuilder().setId(0)).build());
    v.add("login", Packet.newBuilder().setLoginRequest(LoginRequestMessage.newBuilder()
        .setUsername("zoë").setPassword("pässwörd 🔑")).build());
    v.add("register-negative-color", Packet.newBuilder().setRegisterRequest(
        RegisterRequestMessage.newBuilder()
        .setUsername("ann").setPassword("secret").setColor(-1)).build());
    v.add("register-int32-min", Packet.newBuilder().setRegisterRequest(RegisterRequestMessage.newBuilder()
        .setUsername("bob").setColor(Integer.MIN_VALUE)).build());
    v.add("register-int32-max", Packet.newBuilder().setRegisterRequest(RegisterRequestMessage.newBuilder()
        .setPassword("x").setColor(Integer.MAX_VALUE)).build());
    v.add("ok", Packet.newBuilder().setSenderId(5).setOkResponse(OkResponseMessage.getDefaultInstance())
        .build());
    v.add("deny", Packet.newBuilder().setDenyResponse(DenyResponseMessage.newBuilder()
        .setReason("Incorrect username or password")).build());
    v.add("player-odd-doubles", Packet.newBuilder().setPlayer(PlayerMessage.newBuilder()
        .setId(12345678901234L)
        .setName(UNICODE).setX(-0.0).setY(Double.NaN).setRadius(Double.MAX_VALUE).setDirection(-Math.PI)
        .setSpeed(Double.MIN_VALUE).setColor(0x80000000)).build());
    v.add("player-infinities", Packet.newBuilder().setPlayer(PlayerMessage.newBuilder()
        .setX(Double.POSITIVE_INFINITY).setY(Double.NEGATIVE_INFINITY).setRadius(1e-300)
        .setColor(0x7FFFFFFF)).build());
    v.add("player-direction-zero", Packet.newBuilder().setPlayerDirection(PlayerDirectionMessage.newBuilder()
        .setDirection(0.0)).build());
    v.add("player-direction-negative-zero", Packet.newBuilder().setPlayerDirection(
        PlayerDirectionMessage.newBuilder().setDirection(-0.0)).build());
    v.add("spore", Packet.newBuilder().setSpore(SporeMessage.newBuilder().setId(-1).setX(1.5).setY(-2.25)
        .setRadius(0.1)).build());
    v.add("spore-consumed", Packet.newBuilder().setSporeConsumed(SporeConsumedMessage.newBuilder()
        .setSporeId(1L << 62)).build());
    v.add("spores-batch-empty", Packet.newBuilder().setSporesBatch(SporesBatchMessage.getDefaultInstance())
        .build());
    SporesBatchMessage.Builder batch = SporesBatchMessage.newBuilder();
    for (int i = 0; i < 5; i++) {
      batch.addSpores(SporeMessage.newBuilder().setId(i).setX(i * 10.5).setY(-i).setRadius(i == 0 ? 0 : 3));
    }
    v.add("spores-batch", Packet.newBuilder().setSporesBatch(batch).build());
    v.add("player-consumed", Packet.newBuilder().setPlayerConsumed(PlayerConsumedMessage.newBuilder()
        .setPlayerId(128)).build());
    v.add("hiscore-board-request", Packet.newBuilder().setHiscoreBoardRequest(
        HiscoreBoardRequestMessage.getDefaultInstance()).build());
    v.add("hiscore", Packet.newBuilder().setHiscore(HiscoreMessage.newBuilder().setRank(1).setName("Zoë ✓")
        .setScore(Long.MAX_VALUE)).build());
    HiscoreBoardMessage.Builder board = HiscoreBoardMessage.newBuilder();
    for (int i = 1; i <= 10; i++) {
      board.addHiscores(HiscoreMessage.newBuilder().setRank(i).setName("player" + i).setScore(10_000 / i));
    }
    v.add("hiscore-board", Packet.newBuilder().setHiscoreBoard(board).build());
    v.add("hiscore-board-empty", Packet.newBuilder().setHiscoreBoard(HiscoreBoardMessage.getDefaultInstance())
        .build());
    v.add("finished-browsing", Packet.newBuilder().setFinishedBrowsingHiscores(
        FinishedBrowsingHiscoresMessage.getDefaultInstance()).build());
    v.add("search-hiscore-empty-name", Packet.newBuilder().setSearchHiscore(SearchHiscoreMessage.newBuilder()
        .setName("")).build());
    v.add("search-hiscore", Packet.newBuilder().setSearchHiscore(SearchHiscoreMessage.newBuilder()
        .setName("日本語")).build());
    v.add("disconnect", Packet.newBuilder().setDisconnect(DisconnectMessage.newBuilder()
        .setReason("Server shutting down")).build());
    v.add("guest-login", Packet.newBuilder().setGuestLoginRequest(GuestLoginRequestMessage.newBuilder()
        .setNickname("Zoë ✓").setColor(0xFF00FF00)).build());
    v.add("player-target", Packet.newBuilder().setPlayerTarget(PlayerTargetMessage.newBuilder().setX(-2999.5)
        .setY(1e-9)).build());
    v.add("joined-room", Packet.newBuilder().setJoinedRoom(JoinedRoomMessage.newBuilder().setPlayerId(42)
        .setRoomId(-1).setWorldHalfSize(3000).setTickHz(20).setPositionScale(10).setHeadingSteps(65536)
        .setViewWidth(1024).setViewHeight(576).setStartRadius(20).setViewGrowth(0.4))
        .build());
    v.add("world-delta-empty", Packet.newBuilder().setWorldDelta(WorldDeltaMessage.getDefaultInstance())
        .build());
    v.add("world-delta-edges", Packet.newBuilder().setWorldDelta(WorldDeltaMessage.newBuilder()
        .setSeq(-1).setTick(-1).setKeyframe(true)
        .addPlayers(PlayerDelta.newBuilder().setId(7).setX(0).setY(0).setRadius(0).setHeading(0).setSpeed(0)
            .setName("").setColor(0))
        .addPlayers(PlayerDelta.newBuilder().setId(-1).setX(Integer.MIN_VALUE).setY(Integer.MAX_VALUE)
            .setRadius(-1).setHeading(65535).setSpeed(1).setName(UNICODE).setColor(-1))
        .addPlayers(PlayerDelta.newBuilder().setId(0).setX(-1).setY(1))
        .addPlayers(PlayerDelta.getDefaultInstance())
        .addAllPlayersLeft(List.of(0L, 1L, 127L, 128L, -1L, 1L << 35, Long.MIN_VALUE))
        .addSpores(SporeDelta.newBuilder().setId(-1).setX(Integer.MIN_VALUE).setY(Integer.MAX_VALUE)
            .setRadius(1))
        .addSpores(SporeDelta.newBuilder().setId(0).setX(-64).setY(64).setRadius(0))
        .addSpores(SporeDelta.getDefaultInstance())
        .addAllSporesLeft(List.of(0, 127, 128, 16383, 16384, -1, Integer.MIN_VALUE))
        .addEaten(EatenEvent.newBuilder().setVictimId(3).setEaterId(-1))
        .addEaten(EatenEvent.getDefaultInstance()))
        .build());
    v.add("keyframe-request", Packet.newBuilder()
        .setKeyframeRequest(KeyframeRequestMessage.getDefaultInstance()).build());
    v.add("leaderboard", Packet.newBuilder().setLeaderboard(LeaderboardMessage.newBuilder()
        .addEntries(LeaderboardEntry.newBuilder().setPlayerId(9).setName("Zoë ✓").setScore(1234))
        .addEntries(LeaderboardEntry.newBuilder().setPlayerId(-1).setName("").setScore(0))).build());
    v.add("leaderboard-empty", Packet.newBuilder().setLeaderboard(LeaderboardMessage.getDefaultInstance())
        .build());
  }

  /** Encodings protobuf-java accepts but never writes, and ones it rejects. */
  static void handMade(CodecVectors v) {
    // Repeated numbers unpacked, and packed split in two runs.
    v.add("unpacked-repeated", bytes(o -> {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      write(body, b -> {
        b.writeUInt32(1, 5);
        b.writeUInt64(5, 1);
        b.writeUInt64(5, -1);
        b.writeUInt32(7, 300);
        b.writeTag(7, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        b.writeUInt32NoTag(3);
        b.writeUInt32NoTag(1);
        b.writeUInt32NoTag(200);
        b.writeUInt64(5, 2);
      });
      o.writeByteArray(23, body.toByteArray());
    }), Bench.NONE);
    // Unknown fields of every wire type, top level and nested, including a group holding a group.
    v.add("unknown-fields", bytes(o -> {
      o.writeUInt64(1000, -1);
      o.writeFixed64(1001, 0x1122334455667788L);
      o.writeFixed32(1002, 0xCAFEBABE);
      o.writeByteArray(1003, new byte[] {1, 2, 3});
      o.writeTag(1004, WireFormat.WIRETYPE_START_GROUP);
      o.writeUInt32(1, 9);
      o.writeTag(2, WireFormat.WIRETYPE_START_GROUP);
      o.writeFixed64(3, 1);
      o.writeTag(2, WireFormat.WIRETYPE_END_GROUP);
      o.writeTag(1004, WireFormat.WIRETYPE_END_GROUP);
      o.writeUInt64(1, 77);
      ByteArrayOutputStream chat = new ByteArrayOutputStream();
      write(chat, c -> {
        c.writeUInt64(9, 1);
        c.writeString(1, "known");
        c.writeFixed32(2, 5); // field 2 does not exist in ChatMessage
      });
      o.writeByteArray(2, chat.toByteArray());
      o.writeUInt64(536870911, 1); // the largest field number
    }), Bench.NONE);
    // A known field with the wrong wire type is an unknown field, as in protobuf-java.
    v.add("wrong-wire-type-is-unknown", bytes(o -> {
      o.writeFixed64(1, 5);
      o.writeUInt64(2, 1);
      o.writeFixed32(3, 7);
    }), Bench.NONE);
    v.add("last-scalar-wins", bytes(o -> {
      o.writeUInt64(1, 1);
      o.writeUInt64(1, 2);
      o.writeUInt64(1, 0);
      o.writeUInt64(1, 3);
    }), Bench.NONE);
    v.add("default-on-the-wire", bytes(o -> o.writeUInt64(1, 0)), Bench.NONE);
    v.add("oneof-members-merge", bytes(o -> {
      o.writeByteArray(8, PlayerMessage.newBuilder().setId(1).setName("a").setX(1).build().toByteArray());
      o.writeByteArray(8, PlayerMessage.newBuilder().setName("b").setY(2).build().toByteArray());
    }), Bench.NONE);
    v.add("oneof-last-case-wins", bytes(o -> {
      o.writeByteArray(2, ChatMessage.newBuilder().setMsg("gone").build().toByteArray());
      o.writeByteArray(3, IdMessage.newBuilder().setId(4).build().toByteArray());
    }), Bench.NONE);
    // Not a vector: chat, id, then an empty chat again. protobuf-java's builder brings back the first
    // chat's text (it keeps a stale field builder); the codec, like protobuf's spec, gives an empty chat.
    v.add("overlong-varints", new byte[] {8, (byte) 0x81, (byte) 0x80, (byte) 0x80, 0}, Bench.NONE);
    v.add("int32-as-five-bytes", bytes(o -> o.writeByteArray(5, new byte[] {
        24, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F})), Bench.NONE);
    v.add("uint32-high-bits-dropped",
        bytes(o -> o.writeByteArray(23, bytes(d -> d.writeUInt64(1, 0x1_0000_0005L)))), Bench.NONE);
    v.add("optional-zero-on-the-wire", bytes(o -> o.writeByteArray(23, bytes(d -> d.writeByteArray(4,
        bytes(p -> {
          p.writeSInt32(2, 0);
          p.writeString(7, "");
        }))))), Bench.NONE);
    // Malformed: protobuf-java rejects all of these, so from_bytes must return null.
    v.add("bad-truncated-varint", new byte[] {8, (byte) 0x80}, Bench.NONE);
    v.add("bad-truncated-tag", new byte[] {(byte) 0x80}, Bench.NONE);
    v.add("bad-eleven-byte-varint", new byte[] {8, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1}, Bench.NONE);
    v.add("bad-length-past-end", new byte[] {18, 5, 10, 1, 65}, Bench.NONE);
    v.add("bad-nested-length-past-end", new byte[] {18, 3, 10, 5, 65}, Bench.NONE);
    v.add("bad-wire-type-6", new byte[] {14, 1}, Bench.NONE);
    v.add("bad-wire-type-7", new byte[] {15, 1}, Bench.NONE);
    v.add("bad-stray-end-group", new byte[] {12}, Bench.NONE);
    v.add("bad-field-zero", new byte[] {0, 1}, Bench.NONE);
    v.add("bad-unclosed-group", new byte[] {(byte) 0xA3, 0x01, 8, 1}, Bench.NONE);
    v.add("bad-group-end-mismatch", new byte[] {(byte) 0xA3, 0x01, (byte) 0xAC, 0x01}, Bench.NONE);
    v.add("bad-truncated-fixed64", new byte[] {26, 9, 8, 1, (byte) 0x99, 1, 2, 3, 4, 5, 6}, Bench.NONE);
    v.add("bad-truncated-double", bytes(o -> o.writeByteArray(21, new byte[] {9, 0, 0, 0, 0, 0, 0, 0})),
        Bench.NONE);
    v.add("bad-packed-partial-varint", bytes(o -> o.writeByteArray(23, new byte[] {42, 2, 1, (byte) 0x80})),
        Bench.NONE);
    v.add("bad-negative-length", new byte[] {18, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F},
        Bench.NONE);
  }

  /** The watched client's traffic: every frame once, the world deltas marked for timing. */
  static void live(CodecVectors v, List<CodecCapture.Frame> frames) {
    int index = 0;
    int keyframes = 0;
    for (CodecCapture.Frame frame : frames) {
      Packet packet = frame.packet();
      Bench bench = Bench.NONE;
      String kind = packet.getMsgCase().name().toLowerCase().replace('_', '-');
      if (packet.hasWorldDelta()) {
        boolean keyframe = packet.getWorldDelta().getKeyframe();
        bench = keyframe ? Bench.KEYFRAME : Bench.DELTA;
        kind = keyframe ? "keyframe-" + keyframes++ : "delta";
      }
      v.add("live-" + index++ + "-" + kind, frame.bytes(), bench);
    }
  }

  interface Writes {
    void to(CodedOutputStream out) throws IOException;
  }

  static byte[] bytes(Writes writes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, writes);
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream to, Writes writes) {
    try {
      CodedOutputStream out = CodedOutputStream.newInstance(to);
      writes.to(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
