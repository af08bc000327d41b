package rumble.godot;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import rumble.godot.codec.GdscriptCodecGenerator;
import rumble.protocol.Packet;

/**
 * Golden vectors for the GDScript codec, judged by protobuf-java: each has the bytes the codec decodes
 * and what its {@code to_bytes()} must give back (protobuf-java's own encoding of what it parsed,
 * unknown fields dropped), or null when protobuf-java rejects the bytes, in which case
 * {@code Proto.Packet.from_bytes} must return null. Written as a text file the GDScript test reads.
 */
final class CodecVectors {

  /** What the in-engine test times: a typical world delta, a keyframe, or nothing. */
  enum Bench { NONE, DELTA, KEYFRAME }

  record Vector(String name, byte[] input, byte[] expected, Packet packet, Bench bench) {
    boolean malformed() {
      return expected == null;
    }
  }

  /** Checks per vector at most; sizes and the oneof case are always among them. */
  private static final int MAX_CHECKS = 600;
  private static final HexFormat HEX = HexFormat.of();

  private final List<Vector> vectors = new ArrayList<>();

  List<Vector> vectors() {
    return vectors;
  }

  /** Adds the vector decoding {@code input}; protobuf-java decides the expected outcome. */
  Vector add(String name, byte[] input, Bench bench) {
    if (vectors.stream().anyMatch(v -> v.name().equals(name))) {
      throw new IllegalArgumentException("duplicate vector " + name);
    }
    Packet packet = judge(input);
    Vector vector = new Vector(name, input, packet == null ? null : packet.toByteArray(), packet, bench);
    vectors.add(vector);
    return vector;
  }

  Vector add(String name, Message message) {
    return add(name, message.toByteArray(), Bench.NONE);
  }

  /** protobuf-java's reading of {@code bytes} without unknown fields, or null if it rejects them. */
  static Packet judge(byte[] bytes) {
    try {
      return (Packet) stripUnknown(Packet.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }

  static Message stripUnknown(Message message) {
    Message.Builder builder = message.toBuilder().setUnknownFields(UnknownFieldSet.getDefaultInstance());
    for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
      FieldDescriptor field = entry.getKey();
      if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      if (field.isRepeated()) {
        builder.clearField(field);
        for (Object element : (List<?>) entry.getValue()) {
          builder.addRepeatedField(field, stripUnknown((Message) element));
        }
      } else {
        builder.setField(field, stripUnknown((Message) entry.getValue()));
      }
    }
    return builder.build();
  }

  /**
   * Mutations of the non-malformed vectors so far (flipped, inserted, deleted bytes, truncations):
   * whatever protobuf-java makes of them, the codec must make too. Mutations the engine cannot mirror
   * are left out: invalid UTF-8 (protobuf-java rejects it, Godot replaces it and logs an error) and
   * strings with NUL (Godot's UTF-8 decoder stops at one).
   */
  void fuzz(long seed, int count) {
    Random random = new Random(seed);
    List<Vector> bases = vectors.stream()
        .filter(v -> !v.malformed() && v.input().length > 0 && v.input().length < 400).toList();
    int made = 0;
    int attempts = 0;
    while (made < count && attempts++ < count * 20) {
      Vector base = bases.get(random.nextInt(bases.size()));
      byte[] input = mutate(base.input(), random);
      if (!mirrorable(input)) {
        continue;
      }
      add("fuzz-" + made + "-" + base.name(), input, Bench.NONE);
      made++;
    }
  }

  private static byte[] mutate(byte[] in, Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = random.nextInt(in.length);
    switch (random.nextInt(5)) {
      case 0 -> { // flip one byte
        byte[] copy = in.clone();
        copy[at] = (byte) random.nextInt(256);
        return copy;
      }
      case 1 -> { // truncate
        return java.util.Arrays.copyOf(in, at);
      }
      case 2 -> { // insert random bytes
        out.write(in, 0, at);
        for (int i = random.nextInt(4) + 1; i > 0; i--) {
          out.write(random.nextInt(256));
        }
        out.write(in, at, in.length - at);
        return out.toByteArray();
      }
      case 3 -> { // delete a few bytes
        int n = Math.min(in.length - at, random.nextInt(3) + 1);
        out.write(in, 0, at);
        out.write(in, at + n, in.length - at - n);
        return out.toByteArray();
      }
      default -> { // a varint byte gets its continuation bit toggled
        byte[] copy = in.clone();
        copy[at] ^= (byte) 0x80;
        return copy;
      }
    }
  }

  private static boolean mirrorable(byte[] input) {
    try {
      Packet.parseFrom(input);
    } catch (InvalidProtocolBufferException e) {
      return !String.valueOf(e.getMessage()).contains("UTF-8");
    }
    Packet packet = judge(input);
    return !hasNul(packet);
  }

  private static boolean hasNul(Message message) {
    for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
      List<?> values = entry.getKey().isRepeated() ? (List<?>) entry.getValue() : List.of(entry.getValue());
      for (Object value : values) {
        if (value instanceof String s && s.indexOf('\0') >= 0
            || value instanceof Message m && hasNul(m)) {
          return true;
        }
      }
    }
    return false;
  }

  // --- the file the GDScript test reads ---

  /**
   * One vector per {@code v} line: {@code v <name> <bench> x<input hex> x<expected hex>|null}, then its
   * checks, one per {@code c} line: {@code c <path> <kind> <value> [# readable]}. Kinds: {@code i} an
   * int (8 bytes little-endian hex), {@code d} a float (the double's 8 bytes), {@code b} a bool,
   * {@code s} a String (x + UTF-8 hex), {@code len} an array size, {@code null}.
   */
  String text() {
    StringBuilder out = new StringBuilder("# Golden vectors for godot/net/proto.gd, written by ")
        .append(CodecVectors.class.getName()).append('\n');
    for (Vector vector : vectors) {
      out.append("v ").append(vector.name()).append(' ').append(vector.bench().name().toLowerCase())
          .append(" x").append(HEX.formatHex(vector.input()))
          .append(vector.malformed() ? " null" : " x" + HEX.formatHex(vector.expected())).append('\n');
      if (!vector.malformed()) {
        List<String> checks = new ArrayList<>();
        checks.add("c msg_case i " + int64(vector.packet().getMsgCase().getNumber()));
        checks(vector.packet(), "", checks);
        checks.stream().limit(MAX_CHECKS).forEach(c -> out.append(c).append('\n'));
      }
    }
    return out.toString();
  }

  private static void checks(Message message, String prefix, List<String> out) {
    for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
      String path = prefix + GdscriptCodecGenerator.gdName(field);
      boolean isMessage = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
      if (field.isRepeated()) {
        List<?> values = (List<?>) message.getField(field);
        out.add("c " + path + " len " + values.size());
        for (int i = 0; i < values.size(); i++) {
          if (isMessage) {
            checks((Message) values.get(i), path + "[" + i + "].", out);
          } else {
            out.add(scalar(path + "[" + i + "]", field, values.get(i)));
          }
        }
      } else if (isMessage) {
        if (message.hasField(field)) {
          checks((Message) message.getField(field), path + ".", out);
        } else {
          out.add("c " + path + " null -");
        }
      } else if (field.getRealContainingOneof() != null && !message.hasField(field)) {
        continue;
      } else {
        if (field.hasPresence()) {
          out.add("c " + prefix + "has_" + field.getName() + " b " + message.hasField(field));
        }
        out.add(scalar(path, field, message.getField(field)));
      }
    }
  }

  private static String scalar(String path, FieldDescriptor field, Object value) {
    return switch (field.getJavaType()) {
      case INT -> {
        int i = (Integer) value;
        long asLong = switch (field.getType()) {
          case UINT32, FIXED32 -> Integer.toUnsignedLong(i);
          default -> i;
        };
        yield "c " + path + " i " + int64(asLong) + " # " + asLong;
      }
      case LONG -> "c " + path + " i " + int64((Long) value) + " # " + value;
      case DOUBLE -> "c " + path + " d " + int64(Double.doubleToRawLongBits((Double) value)) + " # " + value;
      case FLOAT -> "c " + path + " d "
          + int64(Double.doubleToRawLongBits((double) (Float) value)) + " # " + value;
      case BOOLEAN -> "c " + path + " b " + value;
      case STRING -> "c " + path + " s x" + HEX.formatHex(((String) value).getBytes(StandardCharsets.UTF_8));
      case BYTE_STRING -> "c " + path + " y x" + HEX.formatHex(((ByteString) value).toByteArray());
      case ENUM -> "c " + path + " i " + int64(((com.google.protobuf.Descriptors.EnumValueDescriptor) value)
          .getNumber());
      case MESSAGE -> throw new IllegalArgumentException(path);
    };
  }

  /** An int64 as GDScript's {@code PackedByteArray.encode_s64} lays it out, in hex. */
  static String int64(long value) {
    return HEX.formatHex(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
  }
}
