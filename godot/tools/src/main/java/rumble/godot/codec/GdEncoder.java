package rumble.godot.codec;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import java.util.List;

/**
 * Writes a message's {@code to_bytes()}: the fields in number order, exactly as protobuf-java
 * serializes them (defaults of implicit-presence fields omitted, optional fields written when
 * present, a set oneof member written even when empty, repeated numbers packed).
 */
final class GdEncoder {

  private final GdWriter out;

  private GdEncoder(GdWriter out) {
    this.out = out;
  }

  static void toBytes(GdWriter out, List<FieldDescriptor> fields) {
    out.open("func to_bytes() -> PackedByteArray:");
    if (fields.isEmpty()) {
      out.line("return PackedByteArray()").close();
      return;
    }
    out.line("var w := StreamPeerBuffer.new()");
    GdEncoder encoder = new GdEncoder(out);
    for (FieldDescriptor field : fields) {
      encoder.field(field);
    }
    out.line("return w.data_array").close();
  }

  private void field(FieldDescriptor field) {
    String name = GdscriptCodecGenerator.gdName(field);
    OneofDescriptor oneof = field.getRealContainingOneof();
    boolean message = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
    if (field.isRepeated()) {
      if (message) {
        out.open("for e in " + name + ":");
        tag("w", field, 2);
        out.line("Proto._w_bytes(w, e.to_bytes())").close();
        return;
      }
      GdType type = GdType.of(field);
      if (field.isPacked()) {
        out.open("if not " + name + ".is_empty():");
        tag("w", field, 2);
        out.line("var p := StreamPeerBuffer.new()").open("for e in " + name + ":");
        value("p", type, "e");
        out.close().line("Proto._w_bytes(w, p.data_array)").close();
      } else {
        out.open("for e in " + name + ":");
        tag("w", field, type.wireType);
        value("w", type, "e");
        out.close();
      }
      return;
    }
    if (oneof != null) {
      out.open("if " + oneof.getName() + "_case == " + GdscriptCodecGenerator.caseName(field) + ":");
    } else if (message) {
      out.open("if " + name + " != null:");
    } else if (GdscriptCodecGenerator.isOptional(field)) {
      out.open("if has_" + field.getName() + ":");
    } else {
      out.open("if " + GdType.of(field).nonDefault(name) + ":");
    }
    if (message) {
      tag("w", field, 2);
      if (oneof == null) {
        out.line("Proto._w_bytes(w, " + name + ".to_bytes())");
      } else {
        out.block("if " + name + " == null:", () -> out.line("w.put_u8(0)"))
            .block("else:", () -> out.line("Proto._w_bytes(w, " + name + ".to_bytes())"));
      }
    } else {
      GdType type = GdType.of(field);
      tag("w", field, type.wireType);
      if (type == GdType.BOOL && oneof == null && !GdscriptCodecGenerator.isOptional(field)) {
        out.line("w.put_u8(1)"); // written only when true
      } else {
        value("w", type, name);
      }
    }
    out.close();
  }

  private void tag(String writer, FieldDescriptor field, int wireType) {
    for (int b : GdscriptCodecGenerator.tagBytes(field, wireType)) {
      out.line(writer + ".put_u8(" + b + ")");
    }
  }

  private void value(String writer, GdType type, String value) {
    switch (type.wireType) {
      case 0 -> out.line(type == GdType.BOOL ? writer + ".put_u8(" + type.encode(value) + ")"
          : "Proto._w_varint(" + writer + ", " + type.encode(value) + ")");
      case 2 -> out.line("Proto._w_bytes(" + writer + ", " + type.encode(value) + ")");
      default -> out.line(type.encode(value).replace("w.", writer + "."));
    }
  }
}
