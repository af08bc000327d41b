package rumble.loadtest.suite;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import rumble.protocol.ChatMessage;
import rumble.protocol.DenyResponseMessage;
import rumble.protocol.DisconnectMessage;
import rumble.protocol.FinishedBrowsingHiscoresMessage;
import rumble.protocol.GuestLoginRequestMessage;
import rumble.protocol.HiscoreBoardMessage;
import rumble.protocol.HiscoreBoardRequestMessage;
import rumble.protocol.HiscoreMessage;
import rumble.protocol.IdMessage;
import rumble.protocol.JoinedRoomMessage;
import rumble.protocol.KeyframeRequestMessage;
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
import rumble.protocol.WorldDeltaMessage;

/**
 * Makes the frames a fuzzing client sends: each of a {@link Kind}, built from a seeded random so a
 * run can be repeated. Payloads are packets a client could send, then broken in one way: cut short,
 * bits flipped, too big, a server's message, absurd numbers or colours, strings that are too long or
 * not UTF-8, fields the schema doesn't have, nothing at all, or text instead of binary.
 */
final class FuzzFrames {

  /** What was wrong with a frame; the order is the report's. */
  enum Kind {
    RANDOM_BYTES, TRUNCATED, BIT_FLIPPED, OVERSIZED, SERVER_ONLY, BAD_NUMBERS, BAD_COLOUR, LONG_STRING,
    INVALID_UTF8_FIELD, UNKNOWN_FIELD, EMPTY, TEXT_FRAME, TEXT_INVALID_UTF8;

    String label() {
      return name().toLowerCase();
    }
  }

  /** One frame to send: opcode 1 (text) or 2 (binary) and its payload. */
  record Frame(Kind kind, int opcode, byte[] payload) {}

  /** Frames over this many bytes are refused unread by the server (rumble.session.max-frame-size). */
  static final int MAX_FRAME = 4096;

  /**
   * Relative weights: mostly packets that parse into something wrong, since those reach the deepest
   * code; a text frame that is not UTF-8 closes the connection (RFC 6455: 1007), so it is rare
   * enough to leave sessions time to get somewhere.
   */
  private static final int[] WEIGHTS = {8, 10, 14, 3, 8, 10, 6, 5, 6, 8, 3, 3, 1};

  private static final double[] ABSURD = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
      Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 1e300, -1e300, 0x1p1000, -0.0};

  private final SplittableRandom random;
  private final int total = Arrays.stream(WEIGHTS).sum();

  FuzzFrames(long seed) {
    random = new SplittableRandom(seed);
  }

  Frame next() {
    int pick = random.nextInt(total);
    Kind[] kinds = Kind.values();
    int i = 0;
    while (pick >= WEIGHTS[i]) {
      pick -= WEIGHTS[i++];
    }
    return make(kinds[i]);
  }

  Frame make(Kind kind) {
    return switch (kind) {
      case RANDOM_BYTES -> binary(kind, bytes(1 + random.nextInt(64)));
      case TRUNCATED -> {
        byte[] valid = validPacket().toByteArray();
        yield binary(kind, Arrays.copyOf(valid, valid.length <= 1 ? 0 : random.nextInt(valid.length)));
      }
      case BIT_FLIPPED -> binary(kind, flipBits(validPacket().toByteArray()));
      case OVERSIZED -> binary(kind, oversized());
      case SERVER_ONLY -> binary(kind, serverOnly().toByteArray());
      case BAD_NUMBERS -> binary(kind, badNumbers().toByteArray());
      case BAD_COLOUR -> binary(kind, badColour().toByteArray());
      case LONG_STRING -> binary(kind, longString().toByteArray());
      case INVALID_UTF8_FIELD -> binary(kind, invalidUtf8Field());
      case UNKNOWN_FIELD -> binary(kind, withUnknownField(validPacket().toByteArray()));
      case EMPTY -> binary(kind, new byte[0]);
      case TEXT_FRAME -> new Frame(kind, 1, ("{\"chat\":\"" + word(1 + random.nextInt(40)) + "\"}")
          .getBytes(StandardCharsets.UTF_8));
      case TEXT_INVALID_UTF8 -> new Frame(kind, 1, new byte[] {'h', 'i', (byte) 0xC3, 0x28, (byte) 0xFF});
    };
  }

  private static Frame binary(Kind kind, byte[] payload) {
    return new Frame(kind, 2, payload);
  }

  /** A packet a client may send in some phase, with plausible random values. */
  Packet validPacket() {
    Packet.Builder packet = Packet.newBuilder();
    switch (random.nextInt(12)) {
      case 0 -> packet.setChat(ChatMessage.newBuilder().setMsg(word(1 + random.nextInt(30))));
      case 1 -> packet.setLoginRequest(LoginRequestMessage.newBuilder().setUsername(word(8)).setPassword(word(10)));
      case 2 -> packet.setRegisterRequest(RegisterRequestMessage.newBuilder().setUsername(word(8))
          .setPassword(word(10)).setColor(random.nextInt()));
      case 3 -> packet.setGuestLoginRequest(GuestLoginRequestMessage.newBuilder().setNickname(word(8))
          .setColor(random.nextInt()));
      case 4 -> packet.setPlayerDirection(PlayerDirectionMessage.newBuilder().setDirection(random.nextDouble(7)));
      case 5 -> packet.setPlayerTarget(PlayerTargetMessage.newBuilder().setX(random.nextDouble(-3000, 3000))
          .setY(random.nextDouble(-3000, 3000)));
      case 6 -> packet.setKeyframeRequest(KeyframeRequestMessage.getDefaultInstance());
      case 7 -> packet.setHiscoreBoardRequest(HiscoreBoardRequestMessage.getDefaultInstance());
      case 8 -> packet.setSearchHiscore(SearchHiscoreMessage.newBuilder().setName(word(1 + random.nextInt(10))));
      case 9 -> packet.setFinishedBrowsingHiscores(FinishedBrowsingHiscoresMessage.getDefaultInstance());
      case 10 -> packet.setPlayerConsumed(PlayerConsumedMessage.newBuilder().setPlayerId(random.nextLong()));
      default -> packet.setSporeConsumed(SporeConsumedMessage.newBuilder().setSporeId(random.nextLong()));
    }
    if (random.nextInt(4) == 0) {
      packet.setSenderId(random.nextLong()); // the server ignores any sender id a client claims
    }
    return packet.build();
  }

  private byte[] flipBits(byte[] bytes) {
    if (bytes.length == 0) {
      return bytes;
    }
    int flips = 1 + random.nextInt(4);
    for (int i = 0; i < flips; i++) {
      bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
    }
    return bytes;
  }

  /** Just over the limit, or several times it, sometimes a valid packet padded with a long chat line. */
  private byte[] oversized() {
    int size = MAX_FRAME + 1 + random.nextInt(3 * MAX_FRAME);
    if (random.nextBoolean()) {
      return bytes(size);
    }
    return Packet.newBuilder().setChat(ChatMessage.newBuilder().setMsg("x".repeat(size))).build().toByteArray();
  }

  private Packet serverOnly() {
    Packet.Builder packet = Packet.newBuilder();
    switch (random.nextInt(8)) {
      case 0 -> packet.setId(IdMessage.newBuilder().setId(random.nextLong()));
      case 1 -> packet.setOkResponse(OkResponseMessage.getDefaultInstance());
      case 2 -> packet.setDenyResponse(DenyResponseMessage.newBuilder().setReason(word(10)));
      case 3 -> packet.setJoinedRoom(JoinedRoomMessage.newBuilder().setPlayerId(1).setTickHz(1000));
      case 4 -> packet.setWorldDelta(WorldDeltaMessage.newBuilder().setSeq(random.nextInt()).setKeyframe(true)
          .addPlayers(PlayerDelta.newBuilder().setId(1).setX(random.nextInt()).setRadius(random.nextInt())));
      case 5 -> packet.setLeaderboard(LeaderboardMessage.getDefaultInstance());
      case 6 -> packet.setHiscoreBoard(HiscoreBoardMessage.newBuilder()
          .addHiscores(HiscoreMessage.newBuilder().setName(word(5)).setScore(random.nextLong())));
      default -> packet.setPlayer(PlayerMessage.newBuilder().setId(random.nextLong()).setRadius(1e9)
          .setX(Double.NaN));
    }
    return packet.build();
  }

  /** Steering with NaN, infinities and extremes: the simulation must neither take nor spread them. */
  private Packet badNumbers() {
    double a = ABSURD[random.nextInt(ABSURD.length)];
    double b = random.nextBoolean() ? ABSURD[random.nextInt(ABSURD.length)] : random.nextDouble(-10, 10);
    return random.nextBoolean()
        ? Packet.newBuilder().setPlayerDirection(PlayerDirectionMessage.newBuilder().setDirection(a)).build()
        : Packet.newBuilder().setPlayerTarget(PlayerTargetMessage.newBuilder().setX(a).setY(b)).build();
  }

  private Packet badColour() {
    int colour = List.of(-1, 0, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x00FFFFFF, 0x12345678)
        .get(random.nextInt(6));
    return random.nextBoolean()
        ? Packet.newBuilder().setGuestLoginRequest(GuestLoginRequestMessage.newBuilder()
            .setNickname(word(6)).setColor(colour)).build()
        : Packet.newBuilder().setRegisterRequest(RegisterRequestMessage.newBuilder().setUsername(word(6))
            .setPassword(word(12)).setColor(colour)).build();
  }

  /** Strings far beyond every limit (names 20, chat 256) but within the frame size. */
  private Packet longString() {
    String text = word(300 + random.nextInt(2500)); // under 4 KiB even with two-byte characters
    return switch (random.nextInt(5)) {
      case 0 -> Packet.newBuilder().setChat(ChatMessage.newBuilder().setMsg(text)).build();
      case 1 -> Packet.newBuilder().setGuestLoginRequest(GuestLoginRequestMessage.newBuilder().setNickname(text))
          .build();
      case 2 -> Packet.newBuilder().setLoginRequest(LoginRequestMessage.newBuilder().setUsername(text)
          .setPassword(word(10))).build();
      case 3 -> Packet.newBuilder().setSearchHiscore(SearchHiscoreMessage.newBuilder().setName(text)).build();
      default -> Packet.newBuilder().setDisconnect(DisconnectMessage.newBuilder().setReason(text)).build();
    };
  }

  /** A string field (chat, nickname, username, search) holding bytes that are not UTF-8. */
  private byte[] invalidUtf8Field() {
    byte[] bad = {'a', (byte) 0xC3, 0x28, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xFF};
    int field = new int[] {2, 4, 18, 20}[random.nextInt(4)];
    return message(field, tag(1, 2, bad));
  }

  /** Appends a field number the schema doesn't have, of a random wire type. */
  private byte[] withUnknownField(byte[] packet) {
    int number = 26 + random.nextInt(100_000);
    byte[] extra = switch (random.nextInt(3)) {
      case 0 -> varintField(number, random.nextLong());
      case 1 -> tag(number, 2, bytes(random.nextInt(40)));
      default -> fixed64Field(number, random.nextLong());
    };
    byte[] out = Arrays.copyOf(packet, packet.length + extra.length);
    System.arraycopy(extra, 0, out, packet.length, extra.length);
    return out;
  }

  private static byte[] message(int field, byte[] body) {
    return tag(field, 2, body);
  }

  private static byte[] tag(int field, int wireType, byte[] body) {
    return encode(out -> {
      out.writeUInt32NoTag(field << 3 | wireType);
      out.writeUInt32NoTag(body.length);
      out.writeRawBytes(body);
    });
  }

  private static byte[] varintField(int field, long value) {
    return encode(out -> out.writeUInt64(field, value));
  }

  private static byte[] fixed64Field(int field, long value) {
    return encode(out -> out.writeFixed64(field, value));
  }

  private interface Writes {
    void to(CodedOutputStream out) throws IOException;
  }

  private static byte[] encode(Writes writes) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      writes.to(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] bytes(int count) {
    byte[] bytes = new byte[count];
    for (int i = 0; i < count; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  /** Letters, digits and now and then a character from outside ASCII (still valid UTF-16). */
  private String word(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(random.nextInt(20) == 0 ? (char) (0x400 + random.nextInt(0x100))
          : (char) ('a' + random.nextInt(26)));
    }
    return text.toString();
  }
}
