package rumble.godot.codec;

import com.google.protobuf.Descriptors.FieldDescriptor;

/**
 * How one protobuf scalar type looks in GDScript: its variable type, default, wire type, and the
 * expressions that turn a raw varint {@code v} into the value and a value {@code %s} back into the
 * varint protobuf-java writes. GDScript ints are signed 64-bit, so 32-bit kinds are masked and
 * sign-extended explicitly and nothing right-shifts a negative number.
 */
enum GdType {
  INT32(0, "int", "0", "((v & 0xFFFFFFFF) ^ 0x80000000) - 0x80000000",
      "(((%s) & 0xFFFFFFFF) ^ 0x80000000) - 0x80000000"),
  INT64(0, "int", "0", "v", "%s"),
  UINT32(0, "int", "0", "v & 0xFFFFFFFF", "(%s) & 0xFFFFFFFF"),
  UINT64(0, "int", "0", "v", "%s"),
  SINT32(0, "int", "0", "((v & 0xFFFFFFFF) >> 1) ^ -(v & 1)", "Proto._zz32($)"),
  SINT64(0, "int", "0", "Proto._unzz64(v)", "Proto._zz64($)"),
  BOOL(0, "bool", "false", "v != 0", "1 if %s else 0"),
  FIXED32(5, "int", "0", "b.decode_u32(pos)", "w.put_u32((%s) & 0xFFFFFFFF)"),
  SFIXED32(5, "int", "0", "b.decode_s32(pos)", "w.put_u32((%s) & 0xFFFFFFFF)"),
  FLOAT(5, "float", "0.0", "b.decode_float(pos)", "w.put_float($)"),
  FIXED64(1, "int", "0", "b.decode_s64(pos)", "w.put_64($)"),
  SFIXED64(1, "int", "0", "b.decode_s64(pos)", "w.put_64($)"),
  DOUBLE(1, "float", "0.0", "b.decode_double(pos)", "w.put_double($)"),
  STRING(2, "String", "\"\"", "b.slice(pos, pos + n).get_string_from_utf8()", "%s.to_utf8_buffer()"),
  BYTES(2, "PackedByteArray", "PackedByteArray()", "b.slice(pos, pos + n)", "%s");

  /** The protobuf wire type of one (unpacked) value. */
  final int wireType;
  final String gdType;
  final String defaultValue;
  /**
   * Varint kinds: the value from the raw varint {@code v}. Fixed kinds: the value read at {@code pos}.
   * Length-delimited kinds: the value of the {@code n} bytes at {@code pos}.
   */
  final String decode;
  /**
   * Varint kinds: the raw varint for value {@code %s} ({@code $} where it needs no parentheses).
   * Fixed kinds: the statement writing it to {@code w}. Length-delimited kinds: the bytes to write.
   */
  final String encode;

  GdType(int wireType, String gdType, String defaultValue, String decode, String encode) {
    this.wireType = wireType;
    this.gdType = gdType;
    this.defaultValue = defaultValue;
    this.decode = decode;
    this.encode = encode;
  }

  /** Bytes of one value of a fixed-width kind. */
  int width() {
    return wireType == 1 ? 8 : 4;
  }

  /** The GDScript type of a repeated field of this kind. */
  String repeatedType() {
    return switch (this) {
      case FLOAT, DOUBLE -> "PackedFloat64Array";
      case STRING -> "PackedStringArray";
      case BOOL -> "Array[bool]";
      case BYTES -> "Array[PackedByteArray]";
      default -> "PackedInt64Array";
    };
  }

  String repeatedInit() {
    String type = repeatedType();
    return type.startsWith("Array[") ? "[]" : type + "()";
  }

  /** The condition under which protobuf-java writes a field of this kind without explicit presence. */
  String nonDefault(String value) {
    return switch (this) {
      case INT32, UINT32, SINT32, FIXED32, SFIXED32 -> "(" + value + " & 0xFFFFFFFF) != 0";
      case BOOL -> value;
      case FLOAT -> "Proto._bits32(" + value + ") != 0";
      case DOUBLE -> value + " != 0.0 or Proto._bits64(" + value + ") != 0";
      case STRING -> value + " != \"\"";
      case BYTES -> "not " + value + ".is_empty()";
      default -> value + " != 0";
    };
  }

  String encode(String value) {
    return encode.replace("(%s)", value.matches("\\w+") ? value : "(" + value + ")").replace("%s", value)
        .replace("$", value);
  }

  static GdType of(FieldDescriptor field) {
    return switch (field.getType()) {
      case INT32, ENUM -> INT32;
      case INT64 -> INT64;
      case UINT32 -> UINT32;
      case UINT64 -> UINT64;
      case SINT32 -> SINT32;
      case SINT64 -> SINT64;
      case BOOL -> BOOL;
      case FIXED32 -> FIXED32;
      case SFIXED32 -> SFIXED32;
      case FLOAT -> FLOAT;
      case FIXED64 -> FIXED64;
      case SFIXED64 -> SFIXED64;
      case DOUBLE -> DOUBLE;
      case STRING -> STRING;
      case BYTES -> BYTES;
      case MESSAGE, GROUP -> throw new IllegalArgumentException(field.getFullName() + " is not a scalar");
    };
  }
}
