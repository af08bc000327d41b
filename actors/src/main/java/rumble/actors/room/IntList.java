package rumble.actors.room;

import java.util.Arrays;

/** A growable list of ints that is cleared and refilled every tick without allocating. */
final class IntList {

  private int[] values = new int[32];
  private int size;

  int size() {
    return size;
  }

  int get(int index) {
    return values[index];
  }

  void add(int value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  void clear() {
    size = 0;
  }
}
