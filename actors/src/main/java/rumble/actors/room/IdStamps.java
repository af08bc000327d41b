package rumble.actors.room;

import java.util.Arrays;

/**
 * A set of positive int ids, each with an int stamp: an open-addressing hash table on two int arrays,
 * so a viewer's "what do I see" bookkeeping allocates nothing per tick. Id 0 marks an empty slot.
 */
final class IdStamps {

  private int[] ids = new int[32];
  private int[] stamps = new int[32];
  private int size;

  int size() {
    return size;
  }

  boolean contains(int id) {
    return ids[slot(id)] == id;
  }

  void put(int id, int stamp) {
    int slot = slot(id);
    if (ids[slot] != id) {
      ids[slot] = id;
      if (++size * 2 > ids.length) {
        rehash(ids.length * 2);
      }
      slot = slot(id);
    }
    stamps[slot] = stamp;
  }

  boolean remove(int id) {
    int slot = slot(id);
    if (ids[slot] != id) {
      return false;
    }
    ids[slot] = 0;
    size--;
    // Backward-shift the rest of the probe chain so lookups stay correct without tombstones.
    int mask = ids.length - 1;
    for (int next = (slot + 1) & mask; ids[next] != 0; next = (next + 1) & mask) {
      int moving = ids[next];
      int movingStamp = stamps[next];
      ids[next] = 0;
      int target = slot(moving);
      ids[target] = moving;
      stamps[target] = movingStamp;
    }
    return true;
  }

  void clear() {
    Arrays.fill(ids, 0);
    size = 0;
  }

  /** Removes every id whose stamp differs from {@code current}, appending each to {@code gone}. */
  int removeStale(int current, IntList gone) {
    int removed = 0;
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] != 0 && stamps[i] != current) {
        gone.add(ids[i]);
        removed++;
      }
    }
    for (int i = gone.size() - removed; i < gone.size(); i++) {
      remove(gone.get(i));
    }
    return removed;
  }

  private int slot(int id) {
    int mask = ids.length - 1;
    int slot = (id * 0x9E3779B9 >>> 7) & mask;
    while (ids[slot] != 0 && ids[slot] != id) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void rehash(int capacity) {
    int[] oldIds = ids;
    int[] oldStamps = stamps;
    ids = new int[capacity];
    stamps = new int[capacity];
    for (int i = 0; i < oldIds.length; i++) {
      if (oldIds[i] != 0) {
        int slot = slot(oldIds[i]);
        ids[slot] = oldIds[i];
        stamps[slot] = oldStamps[i];
      }
    }
  }
}
