package rumble.godot.codec;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import java.util.List;
import java.util.function.Function;

/**
 * Writes a message's {@code _read(b, pos, end) -> int}: decodes the fields in {@code b[pos, end)} into
 * this object and returns {@code end}, or -1 when the bytes are malformed. Everything is read in place
 * with inlined varint loops; a known field number with an unexpected wire type is an unknown field,
 * as in protobuf-java.
 */
final class GdDecoder {

  private final GdWriter out;

  private GdDecoder(GdWriter out) {
    this.out = out;
  }

  static void read(GdWriter out, List<FieldDescriptor> fields) {
    new GdDecoder(out).read(fields);
  }

  /**
   * Reads a varint at {@code pos} into the int variable {@code target}, never past {@code bound};
   * {@code check}: first make sure one byte is left; {@code low32}: keep only the low 32 bits of a
   * long varint (tags and lengths, as protobuf-java's readRawVarint32). Uses the locals c and s.
   */
  static void varint(GdWriter out, String target, String bound, boolean check, boolean low32) {
    if (check) {
      out.block("if pos >= " + bound + ":", () -> out.line("return -1"));
    }
    out.line(target + " = b[pos]").line("pos += 1");
    // Two more bytes unrolled (ids, coordinates and lengths mostly fit in three), then a loop.
    out.open("if " + target + " >= 0x80:");
    nextByte(out, bound);
    out.line(target + " = (" + target + " & 0x7F) | ((c & 0x7F) << 7)").open("if c >= 0x80:");
    nextByte(out, bound);
    out.line(target + " |= (c & 0x7F) << 14")
        .open("if c >= 0x80:")
        .line("s = 21")
        .open("while true:")
        .block("if pos >= " + bound + " or s > 63:", () -> out.line("return -1"))
        .line("c = b[pos]")
        .line("pos += 1")
        .line(target + " |= (c & 0x7F) << s")
        .block("if c < 0x80:", () -> out.line("break"))
        .line("s += 7")
        .close()
        .close()
        .close();
    if (low32) {
      out.line(target + " &= 0xFFFFFFFF");
    }
    out.close();
  }

  private static void nextByte(GdWriter out, String bound) {
    out.block("if pos >= " + bound + ":", () -> out.line("return -1")).line("c = b[pos]").line("pos += 1");
  }

  private void read(List<FieldDescriptor> fields) {
    boolean varints = fields.stream().anyMatch(f -> !isMessage(f) && GdType.of(f).wireType == 0);
    boolean lengths = fields.stream()
        .anyMatch(f -> isMessage(f) || GdType.of(f).wireType == 2 || isPacked(f));
    boolean packed = fields.stream().anyMatch(GdDecoder::isPacked);
    out.open("func _read(b: PackedByteArray, pos: int, end: int) -> int:")
        .line("var tag: int = 0")
        .line("var c: int = 0")
        .line("var s: int = 0");
    if (varints) {
      out.line("var v: int = 0");
    }
    if (lengths) {
      out.line("var n: int = 0");
    }
    if (packed) {
      out.line("var lim: int = 0");
    }
    out.open("while pos < end:");
    varint(out, "tag", "end", false, true);
    String keyword = "if";
    // Repeated fields first: they are the ones met many times in a row.
    List<FieldDescriptor> order = new java.util.ArrayList<>(fields);
    order.sort(java.util.Comparator.comparing(f -> !f.isRepeated()));
    for (FieldDescriptor field : order) {
      if (isMessage(field)) {
        out.open(keyword + " tag == " + GdscriptCodecGenerator.tagValue(field, 2) + ":");
        message(field);
        out.close();
      } else {
        GdType type = GdType.of(field);
        out.open(keyword + " tag == " + GdscriptCodecGenerator.tagValue(field, type.wireType) + ":");
        scalarWithPresence(field);
        out.close();
        if (field.isRepeated() && type.wireType != 2) {
          out.open("elif tag == " + GdscriptCodecGenerator.tagValue(field, 2) + ":");
          packed(type, assignment(field));
          out.close();
        }
      }
      keyword = "elif";
    }
    if (!fields.isEmpty()) {
      out.open("else:");
    }
    out.line("pos = Proto._skip(b, pos, end, tag)")
        .block("if pos < 0:", () -> out.line("return -1"));
    if (!fields.isEmpty()) {
      out.close();
    }
    out.close().line("return pos").close();
  }

  private static boolean isMessage(FieldDescriptor field) {
    return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
  }

  private static boolean isPacked(FieldDescriptor field) {
    return field.isRepeated() && !isMessage(field) && GdType.of(field).wireType != 2;
  }

  /** The statement that stores a decoded value of {@code field}. */
  private static Function<String, String> assignment(FieldDescriptor field) {
    String name = GdscriptCodecGenerator.gdName(field);
    if (field.isRepeated()) {
      return value -> name + ".append(" + value + ")";
    }
    if (field.getRealContainingOneof() != null) {
      return value -> "set_" + field.getName() + "(" + value + ")";
    }
    return value -> name + " = " + value;
  }

  private void length() {
    varint(out, "n", "end", true, true);
    out.block("if n > end - pos:", () -> out.line("return -1"));
  }

  private void scalar(GdType type, Function<String, String> assign) {
    switch (type.wireType) {
      case 0 -> {
        varint(out, "v", "end", true, false);
        out.line(assign.apply(type.decode));
      }
      case 2 -> {
        length();
        out.line(assign.apply(type.decode)).line("pos += n");
      }
      default -> {
        out.block("if end - pos < " + type.width() + ":", () -> out.line("return -1"));
        out.line(assign.apply(type.decode)).line("pos += " + type.width());
      }
    }
  }

  private void scalarWithPresence(FieldDescriptor field) {
    scalar(GdType.of(field), assignment(field));
    if (GdscriptCodecGenerator.isOptional(field)) {
      out.line("has_" + field.getName() + " = true");
    }
  }

  private void packed(GdType type, Function<String, String> assign) {
    length();
    if (type.wireType == 0) {
      out.line("lim = pos + n").open("while pos < lim:");
      varint(out, "v", "lim", false, false);
      out.line(assign.apply(type.decode)).close();
    } else {
      out.block("if n % " + type.width() + " != 0:", () -> out.line("return -1"));
      out.line("lim = pos + n")
          .open("while pos < lim:")
          .line(assign.apply(type.decode))
          .line("pos += " + type.width())
          .close();
    }
  }

  private void message(FieldDescriptor field) {
    String name = GdscriptCodecGenerator.gdName(field);
    String type = field.getMessageType().getName();
    length();
    OneofDescriptor oneof = field.getRealContainingOneof();
    String target = name;
    if (field.isRepeated()) {
      out.line("var sub := " + type + ".new()");
      target = "sub";
    } else if (oneof != null) {
      // A member met again merges into the one already there, as in protobuf-java.
      out.block("if " + oneof.getName() + "_case != " + GdscriptCodecGenerator.caseName(field) + " or "
          + name + " == null:", () -> out.line("set_" + field.getName() + "(" + type + ".new())"));
    } else {
      out.block("if " + name + " == null:", () -> out.line(name + " = " + type + ".new()"));
    }
    out.block("if " + target + "._read(b, pos, pos + n) < 0:", () -> out.line("return -1"));
    if (field.isRepeated()) {
      out.line(name + ".append(sub)");
    }
    out.line("pos += n");
  }
}
