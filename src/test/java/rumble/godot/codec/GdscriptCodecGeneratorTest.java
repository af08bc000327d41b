package rumble.godot.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator on other schemas: every scalar kind, presence, oneofs, keyword names, what it refuses. */
class GdscriptCodecGeneratorTest {

  private static final List<Type> SCALARS = List.of(Type.TYPE_INT32, Type.TYPE_INT64, Type.TYPE_UINT32,
      Type.TYPE_UINT64, Type.TYPE_SINT32, Type.TYPE_SINT64, Type.TYPE_BOOL, Type.TYPE_FIXED32,
      Type.TYPE_SFIXED32, Type.TYPE_FLOAT, Type.TYPE_FIXED64, Type.TYPE_SFIXED64, Type.TYPE_DOUBLE,
      Type.TYPE_STRING, Type.TYPE_BYTES);

  @Test
  void everyScalarKindSingularOptionalRepeatedAndInAOneof() throws Exception {
    String code = GdscriptCodecGenerator.generate(allKinds());

    assertTrue(code.contains("\tvar f_sint64: int = 0\n"));
    assertTrue(code.contains("\tvar f_fixed32: int = 0\n"));
    assertTrue(code.contains("\tvar o_float: float = 0.0\n\tvar has_o_float: bool = false\n"));
    assertTrue(code.contains("\tvar r_bytes: Array[PackedByteArray] = []\n"));
    assertTrue(code.contains("\tvar r_bool: Array[bool] = []\n"));
    assertTrue(code.contains("\tvar r_double: PackedFloat64Array = PackedFloat64Array()\n"));
    assertTrue(code.contains("\tvar r_string: PackedStringArray = PackedStringArray()\n"));
    assertTrue(code.contains("\tconst CHOICE_NOT_SET: int = 0\n\tconst PICK_SINT64: int = 100\n"));
    assertTrue(code.contains("\tfunc set_pick_sint64(value: int) -> Everything:\n"));
    // Packed by default in proto3, unpacked when asked: one tag per element.
    assertTrue(code.contains("\t\tif not r_sint32.is_empty():\n\t\t\tw.put_u8("), "packed r_sint32");
    assertTrue(code.contains("\t\tfor e in u_int32:\n\t\t\tw.put_u8("), "unpacked u_int32");
    // Presence: implicit fields compare with their default, optional ones look at has_, floats at bits.
    assertTrue(code.contains("\t\tif f_double != 0.0 or Proto._bits64(f_double) != 0:\n"));
    assertTrue(code.contains("\t\tif Proto._bits32(f_float) != 0:\n"));
    assertTrue(code.contains("\t\tif has_o_sint32:\n"));
    assertTrue(code.contains("\t\tif choice_case == PICK_SINT64:\n"));
    assertFalse(code.contains("%s") || code.contains("$"), "no template placeholder left");
    code.lines().forEach(line -> assertTrue(line.replace("\t", "    ").length() <= GdWriter.MAX_LINE, line));
  }

  @Test
  void keywordsGetASuffixObjectMethodsDoNot() throws Exception {
    FileDescriptor file = file(DescriptorProto.newBuilder().setName("Odd")
        .addField(field("class", 1, Type.TYPE_INT32, Label.LABEL_OPTIONAL))
        .addField(field("disconnect", 2, Type.TYPE_STRING, Label.LABEL_OPTIONAL))
        .build());
    String code = GdscriptCodecGenerator.generate(file);
    assertTrue(code.contains("\tvar class_: int = 0\n"));
    assertTrue(code.contains("\tvar disconnect: String = \"\"\n"));
  }

  @Test
  void refusesWhatItCannotWrite() throws Exception {
    FileDescriptor nested = file(DescriptorProto.newBuilder().setName("Outer")
        .addNestedType(DescriptorProto.newBuilder().setName("Inner")).build());
    assertThrows(UnsupportedOperationException.class, () -> GdscriptCodecGenerator.generate(nested));
  }

  @Test
  void tagBytesAreTheVarintOfNumberAndWireType() {
    assertEquals(List.of(8), GdscriptCodecGenerator.tagBytes(
        rumble.protocol.Packet.getDescriptor().findFieldByName("sender_id"), 0));
    assertEquals(List.of(0xBA, 0x01), GdscriptCodecGenerator.tagBytes(
        rumble.protocol.Packet.getDescriptor().findFieldByName("world_delta"), 2));
  }

  /** A message with every scalar kind: f_ singular, o_ optional, r_ repeated, u_int32 unpacked, a oneof. */
  static FileDescriptor allKinds() throws DescriptorValidationException {
    DescriptorProto.Builder message = DescriptorProto.newBuilder().setName("Everything");
    int number = 1;
    int oneofs = 0;
    for (Type type : SCALARS) {
      String kind = type.name().substring("TYPE_".length()).toLowerCase();
      message.addField(field("f_" + kind, number++, type, Label.LABEL_OPTIONAL));
      message.addField(field("r_" + kind, number++, type, Label.LABEL_REPEATED));
      message.addOneofDecl(OneofDescriptorProto.newBuilder().setName("_o_" + kind));
      message.addField(field("o_" + kind, number++, type, Label.LABEL_OPTIONAL).setProto3Optional(true)
          .setOneofIndex(oneofs++));
    }
    message.addField(field("u_int32", number, Type.TYPE_INT32, Label.LABEL_REPEATED)
        .setOptions(FieldOptions.newBuilder().setPacked(false)));
    message.addOneofDecl(OneofDescriptorProto.newBuilder().setName("choice"));
    message.addField(field("pick_sint64", 100, Type.TYPE_SINT64, Label.LABEL_OPTIONAL).setOneofIndex(oneofs));
    message.addField(field("pick_string", 101, Type.TYPE_STRING, Label.LABEL_OPTIONAL).setOneofIndex(oneofs));
    // proto3 wants the synthetic oneofs after the real ones.
    DescriptorProto.Builder ordered = message.clone().clearOneofDecl().clearField();
    ordered.addOneofDecl(OneofDescriptorProto.newBuilder().setName("choice"));
    for (int i = 0; i < oneofs; i++) {
      ordered.addOneofDecl(message.getOneofDecl(i));
    }
    for (FieldDescriptorProto f : message.getFieldList()) {
      FieldDescriptorProto.Builder b = f.toBuilder();
      if (f.hasOneofIndex()) {
        b.setOneofIndex(f.getOneofIndex() == oneofs ? 0 : f.getOneofIndex() + 1);
      }
      ordered.addField(b);
    }
    return file(ordered.build());
  }

  private static FieldDescriptorProto.Builder field(String name, int number, Type type, Label label) {
    return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type).setLabel(label);
  }

  private static FileDescriptor file(DescriptorProto message) throws DescriptorValidationException {
    return FileDescriptor.buildFrom(FileDescriptorProto.newBuilder().setName("test/kinds.proto")
        .setSyntax("proto3").setPackage("kinds").addMessageType(message).build(), new FileDescriptor[0]);
  }
}
