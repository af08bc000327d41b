package rumble.actors.room;

import java.util.Arrays;

/**
 * A growable byte buffer with just the protobuf wire primitives the room's delta encoder needs.
 * Reused tick after tick, so writing a delta allocates nothing once the buffer reached its working
 * size; the generated {@code rumble.protocol} classes parse what it writes (tests check that).
 */
final class ProtoWriter {

  static final int VARINT = 0;
  static final int LENGTH_DELIMITED = 2;

  private byte[] buffer;
  private int size;

  ProtoWriter(int initialCapacity) {
    buffer = new byte[initialCapacity];
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  void tag(int field, int wireType) {
    varint((field << 3) | wireType);
  }

  void varint(long value) {
    ensure(10);
    while ((value & ~0x7FL) != 0) {
      buffer[size++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buffer[size++] = (byte) value;
  }

  void uint64Field(int field, long value) {
    tag(field, VARINT);
    varint(value);
  }

  void int32Field(int field, int value) {
    tag(field, VARINT);
    varint(value); // negative int32 is sign-extended to ten bytes, as protobuf requires
  }

  void sint32Field(int field, int value) {
    tag(field, VARINT);
    varint(zigZag(value));
  }

  void boolField(int field, boolean value) {
    tag(field, VARINT);
    varint(value ? 1 : 0);
  }

  /** A length-delimited field whose body is {@code bytes[offset, offset+length)}. */
  void bytesField(int field, byte[] bytes, int offset, int length) {
    tag(field, LENGTH_DELIMITED);
    varint(length);
    raw(bytes, offset, length);
  }

  /** Appends bytes that already hold complete fields. */
  void raw(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, buffer, size, length);
    size += length;
  }

  byte[] buffer() {
    return buffer;
  }

  static long zigZag(int value) {
    return ((value << 1) ^ (value >> 31)) & 0xFFFFFFFFL;
  }

  static int varintSize(long value) {
    int bytes = 1;
    while ((value & ~0x7FL) != 0) {
      value >>>= 7;
      bytes++;
    }
    return bytes;
  }

  private void ensure(int extra) {
    if (size + extra > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
    }
  }
}
