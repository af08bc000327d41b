package rumble.sim;

/**
 * Open-addressing map from positive int keys to int values, used for spore id → slot. Spore ids are never
 * reused, so a plain array indexed by id would grow without bound; this stays proportional to live spores.
 * Linear probing with backward-shift deletion, so there are no tombstones and no allocation after growth.
 */
final class IntIntMap {
  static final int MISSING = -1;
  private static final int EMPTY = 0;

  private int[] keys;
  private int[] values;
  private int mask;
  private int size;

  IntIntMap(int expectedSize) {
    int capacity = Integer.highestOneBit(Math.max(8, expectedSize * 2 - 1)) << 1;
    keys = new int[capacity];
    values = new int[capacity];
    mask = capacity - 1;
  }

  int size() {
    return size;
  }

  int get(int key) {
    for (int i = home(key); ; i = (i + 1) & mask) {
      int k = keys[i];
      if (k == key) {
        return values[i];
      }
      if (k == EMPTY) {
        return MISSING;
      }
    }
  }

  void put(int key, int value) {
    if (key <= 0) {
      throw new IllegalArgumentException("keys must be positive: " + key);
    }
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int i = home(key);
    while (keys[i] != EMPTY && keys[i] != key) {
      i = (i + 1) & mask;
    }
    if (keys[i] == EMPTY) {
      size++;
    }
    keys[i] = key;
    values[i] = value;
  }

  void remove(int key) {
    int gap = home(key);
    while (keys[gap] != key) {
      if (keys[gap] == EMPTY) {
        return;
      }
      gap = (gap + 1) & mask;
    }
    // Pull later entries of the probe run back into the gap so lookups never stop early.
    for (int j = (gap + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
      int wanted = home(keys[j]);
      if (((j - wanted) & mask) >= ((j - gap) & mask)) {
        keys[gap] = keys[j];
        values[gap] = values[j];
        gap = j;
      }
    }
    keys[gap] = EMPTY;
    size--;
  }

  private int home(int key) {
    int h = key * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }

  private void grow() {
    int[] oldKeys = keys;
    int[] oldValues = values;
    keys = new int[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    mask = keys.length - 1;
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }
}
