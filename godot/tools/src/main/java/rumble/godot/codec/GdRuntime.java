package rumble.godot.codec;

/** The static helpers of {@code Proto} that every message's encoder and decoder share. */
final class GdRuntime {

  private GdRuntime() {}

  private static final String[] CODE = {
      "static func _w_varint(w: StreamPeerBuffer, value: int) -> void:",
      "\tif value < 0:",
      "\t\t# Ten bytes: the low 63 bits in nine groups, then the sign bit.",
      "\t\tvar u: int = value & 0x7FFFFFFFFFFFFFFF",
      "\t\tfor _i in 9:",
      "\t\t\tw.put_u8((u & 0x7F) | 0x80)",
      "\t\t\tu >>= 7",
      "\t\tw.put_u8(1)",
      "\t\treturn",
      "\twhile value >= 0x80:",
      "\t\tw.put_u8((value & 0x7F) | 0x80)",
      "\t\tvalue >>= 7",
      "\tw.put_u8(value)",
      "",
      "",
      "static func _w_bytes(w: StreamPeerBuffer, data: PackedByteArray) -> void:",
      "\t_w_varint(w, data.size())",
      "\tif not data.is_empty():",
      "\t\tw.put_data(data)",
      "",
      "",
      "static func _zz32(value: int) -> int:",
      "\tvar t: int = value & 0xFFFFFFFF",
      "\tif t >= 0x80000000:",
      "\t\treturn (((~t) & 0x7FFFFFFF) << 1) | 1",
      "\treturn t << 1",
      "",
      "",
      "static func _zz64(value: int) -> int:",
      "\tif value < 0:",
      "\t\treturn ((~value) << 1) | 1",
      "\treturn value << 1",
      "",
      "",
      "static func _unzz64(v: int) -> int:",
      "\tvar half: int = (v & 0x7FFFFFFFFFFFFFFF) >> 1",
      "\tif v < 0:",
      "\t\thalf |= 0x4000000000000000",
      "\treturn half ^ -(v & 1)",
      "",
      "",
      "static func _bits64(value: float) -> int:",
      "\tvar a := PackedByteArray()",
      "\ta.resize(8)",
      "\ta.encode_double(0, value)",
      "\treturn a.decode_s64(0)",
      "",
      "",
      "static func _bits32(value: float) -> int:",
      "\tvar a := PackedByteArray()",
      "\ta.resize(4)",
      "\ta.encode_float(0, value)",
      "\treturn a.decode_u32(0)",
      "",
      "",
      "## Skips the unknown field whose tag was just read; the position after it, or -1 if malformed.",
      "static func _skip(b: PackedByteArray, pos: int, end: int, tag: int, depth: int = 0) -> int:",
      "\tif tag < 8:",
      "\t\treturn -1",
      "\tvar wire: int = tag & 7",
      "\tvar c: int = 0",
      "\tif wire == 0:",
      "\t\tfor _i in 10:",
      "\t\t\tif pos >= end:",
      "\t\t\t\treturn -1",
      "\t\t\tc = b[pos]",
      "\t\t\tpos += 1",
      "\t\t\tif c < 0x80:",
      "\t\t\t\treturn pos",
      "\t\treturn -1",
      "\tif wire == 1:",
      "\t\treturn pos + 8 if end - pos >= 8 else -1",
      "\tif wire == 5:",
      "\t\treturn pos + 4 if end - pos >= 4 else -1",
      "\tif wire != 2 and wire != 3:",
      "\t\treturn -1",
      "\tvar s: int = 0",
      "\tvar v: int = 0",
      "\tif wire == 2:",
      "\t\tVARINT v end check",
      "\t\treturn pos + v if v <= end - pos else -1",
      "\tif depth >= 100:",
      "\t\treturn -1",
      "\twhile pos < end:",
      "\t\tVARINT v end",
      "\t\tif (v & 7) == 4:",
      "\t\t\treturn pos if (v >> 3) == (tag >> 3) else -1",
      "\t\tpos = _skip(b, pos, end, v, depth + 1)",
      "\t\tif pos < 0:",
      "\t\t\treturn -1",
      "\treturn -1",
  };

  static void write(GdWriter out) {
    for (String line : CODE) {
      if (line.isEmpty()) {
        out.blank();
        continue;
      }
      int tabs = 0;
      while (line.charAt(tabs) == '\t') {
        tabs++;
      }
      String code = line.substring(tabs);
      out.shift(tabs);
      if (code.startsWith("VARINT ")) {
        String[] parts = code.split(" ");
        GdDecoder.varint(out, parts[1], parts[2], parts.length > 3, true);
      } else {
        out.line(code);
      }
      out.shift(-tabs);
    }
  }
}
