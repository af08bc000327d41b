package rumble.sim;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Spore storage: parallel primitive arrays indexed by slot, a free list so slots are recycled, and a
 * single-level uniform grid keyed by centre. Spores never move, so the grid changes only on add and
 * remove. Ids are separate from slots: they count up from 1 and are not reused while the world lives
 * (after 2³¹−1 spores the counter wraps, skipping ids that are still alive).
 */
final class Spores {
  /** Cells about 100 units wide hold ~3 spores at 10,000 spores in a 6000² world. */
  private static final double CELL_SIZE = 100;
  private static final int MAX_SIDE = 1024;

  int[] id;
  double[] x;
  double[] y;
  double[] radius;
  /** Id of the player that shed the spore, 0 for spawned spores; that player may never eat it. */
  int[] shedBy;

  private final GridLevel grid;
  private final CellLists cells;
  private final IntIntMap slotById;
  private int[] freeSlots;
  private int freeCount;
  private int used;
  private int count;
  private int nextId = 1;
  private double largestRadius;
  private int[] hits;

  Spores(double halfSize, int initialCapacity) {
    grid = new GridLevel(halfSize, Math.max(CELL_SIZE, 2 * halfSize / MAX_SIDE), 0);
    cells = new CellLists(grid.cellCount(), initialCapacity);
    slotById = new IntIntMap(initialCapacity);
    allocate(initialCapacity);
  }

  int count() {
    return count;
  }

  int slotOf(int sporeId) {
    return sporeId <= 0 ? -1 : slotById.get(sporeId);
  }

  int add(double sx, double sy, double r, int shedderId) {
    if (freeCount == 0 && used == id.length) {
      allocate(id.length * 2);
    }
    int slot = freeCount > 0 ? freeSlots[--freeCount] : used++;
    id[slot] = takeId();
    x[slot] = sx;
    y[slot] = sy;
    radius[slot] = r;
    shedBy[slot] = shedderId;
    largestRadius = Math.max(largestRadius, r);
    slotById.put(id[slot], slot);
    cells.put(slot, grid.cellAt(sx, sy));
    count++;
    return slot;
  }

  void remove(int slot) {
    cells.remove(slot);
    slotById.remove(id[slot]);
    id[slot] = 0;
    freeSlots[freeCount++] = slot;
    count--;
  }

  /** Slots of spores whose centre may lie in the rectangle (a superset); valid until the next call. */
  int collectCentres(double minX, double minY, double maxX, double maxY) {
    return grid.collect(cells, minX, minY, maxX, maxY, hits, 0);
  }

  int[] hits() {
    return hits;
  }

  /** True if any spore circle overlaps the circle (touching does not count). */
  boolean overlapsAny(double cx, double cy, double r) {
    double reach = r + largestRadius;
    int n = collectCentres(cx - reach, cy - reach, cx + reach, cy + reach);
    for (int i = 0; i < n; i++) {
      int s = hits[i];
      if (Geometry.covers(cx, cy, r + radius[s], x[s], y[s])) {
        return true;
      }
    }
    return false;
  }

  /** Calls back with the id of every spore whose circle touches the rectangle; allocation free. */
  void forEachTouching(double minX, double minY, double maxX, double maxY, IntConsumer action) {
    double e = largestRadius;
    int fromCol = grid.column(minX - e);
    int toCol = grid.column(maxX + e);
    int toRow = grid.column(maxY + e);
    for (int row = grid.column(minY - e); row <= toRow; row++) {
      for (int col = fromCol; col <= toCol; col++) {
        for (int s = cells.first(row * grid.side + col); s != CellLists.NONE; s = cells.next(s)) {
          if (Geometry.circleTouchesRect(x[s], y[s], radius[s], minX, minY, maxX, maxY)) {
            action.accept(id[s]);
          }
        }
      }
    }
  }

  void forEach(IntConsumer action) {
    for (int slot = 0; slot < used; slot++) {
      if (id[slot] != 0) {
        action.accept(id[slot]);
      }
    }
  }

  private int takeId() {
    while (slotById.get(nextId) != IntIntMap.MISSING) {
      advanceId();
    }
    int taken = nextId;
    advanceId();
    return taken;
  }

  private void advanceId() {
    nextId = nextId == Integer.MAX_VALUE ? 1 : nextId + 1;
  }

  private void allocate(int capacity) {
    id = id == null ? new int[capacity] : Arrays.copyOf(id, capacity);
    x = x == null ? new double[capacity] : Arrays.copyOf(x, capacity);
    y = y == null ? new double[capacity] : Arrays.copyOf(y, capacity);
    radius = radius == null ? new double[capacity] : Arrays.copyOf(radius, capacity);
    shedBy = shedBy == null ? new int[capacity] : Arrays.copyOf(shedBy, capacity);
    freeSlots = freeSlots == null ? new int[capacity] : Arrays.copyOf(freeSlots, capacity);
    hits = new int[capacity];
    cells.ensureSlots(capacity);
  }
}
