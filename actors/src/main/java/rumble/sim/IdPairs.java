package rumble.sim;

import java.util.Arrays;

/**
 * A reusable list of (first id, second id) pairs, e.g. (spore, eater). Backed by two int arrays that only
 * grow, so recording events allocates nothing once the buffers have reached their working size.
 */
public final class IdPairs {
  private int[] firsts = new int[64];
  private int[] seconds = new int[64];
  private int size;

  IdPairs() {}

  public int size() {
    return size;
  }

  public int first(int index) {
    checkIndex(index);
    return firsts[index];
  }

  public int second(int index) {
    checkIndex(index);
    return seconds[index];
  }

  void add(int first, int second) {
    if (size == firsts.length) {
      firsts = Arrays.copyOf(firsts, size * 2);
      seconds = Arrays.copyOf(seconds, size * 2);
    }
    firsts[size] = first;
    seconds[size] = second;
    size++;
  }

  void clear() {
    size = 0;
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " of " + size);
    }
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < size; i++) {
      text.append(i == 0 ? "" : ", ").append(firsts[i]).append("->").append(seconds[i]);
    }
    return text.append(']').toString();
  }
}
