package rumble.sim;

import java.util.Arrays;

/**
 * One intrusive doubly-linked list of slots per grid cell. Insert, remove and move are O(1) and allocate
 * nothing, so entities can be kept in their cell incrementally as they move instead of rebuilding the grid.
 */
final class CellLists {
  static final int NONE = -1;

  private final int[] head;
  private int[] next = new int[0];
  private int[] prev = new int[0];
  private int[] cellOf = new int[0];

  CellLists(int cellCount, int slotCapacity) {
    head = new int[cellCount];
    Arrays.fill(head, NONE);
    ensureSlots(slotCapacity);
  }

  void ensureSlots(int capacity) {
    int old = next.length;
    if (capacity <= old) {
      return;
    }
    next = Arrays.copyOf(next, capacity);
    prev = Arrays.copyOf(prev, capacity);
    cellOf = Arrays.copyOf(cellOf, capacity);
    Arrays.fill(cellOf, old, capacity, NONE);
  }

  int first(int cell) {
    return head[cell];
  }

  int next(int slot) {
    return next[slot];
  }

  int cellOf(int slot) {
    return cellOf[slot];
  }

  /** Puts the slot in the given cell, moving it out of its current cell if needed. */
  void put(int slot, int cell) {
    if (cellOf[slot] == cell) {
      return;
    }
    if (cellOf[slot] != NONE) {
      unlink(slot);
    }
    int oldHead = head[cell];
    next[slot] = oldHead;
    prev[slot] = NONE;
    if (oldHead != NONE) {
      prev[oldHead] = slot;
    }
    head[cell] = slot;
    cellOf[slot] = cell;
  }

  void remove(int slot) {
    if (cellOf[slot] != NONE) {
      unlink(slot);
      cellOf[slot] = NONE;
    }
  }

  private void unlink(int slot) {
    int before = prev[slot];
    int after = next[slot];
    if (before != NONE) {
      next[before] = after;
    } else {
      head[cellOf[slot]] = after;
    }
    if (after != NONE) {
      prev[after] = before;
    }
  }
}
