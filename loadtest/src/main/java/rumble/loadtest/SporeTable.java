package rumble.loadtest;

import java.util.Arrays;

/**
 * The spores a bot sees, by id: an open-addressing table of primitives, so the hundreds of spores
 * entering and leaving a view every second cost no allocation.
 */
final class SporeTable {

  private static final int EMPTY = -1;

  private int[] ids;
  private float[] xs;
  private float[] ys;
  private float[] radii;
  private int size;

  SporeTable() {
    allocate(64);
  }

  int size() {
    return size;
  }

  void clear() {
    Arrays.fill(ids, EMPTY);
    size = 0;
  }

  void put(int id, float x, float y, float radius) {
    if (id < 0) {
      id = id & Integer.MAX_VALUE; // ids are unsigned on the wire; keep EMPTY free
    }
    if ((size + 1) * 4 > ids.length * 3) {
      grow();
    }
    int slot = slot(id);
    if (ids[slot] == EMPTY) {
      size++;
    }
    ids[slot] = id;
    xs[slot] = x;
    ys[slot] = y;
    radii[slot] = radius;
  }

  boolean remove(int id) {
    if (id < 0) {
      id = id & Integer.MAX_VALUE;
    }
    int slot = slot(id);
    if (ids[slot] == EMPTY) {
      return false;
    }
    // Backward-shift deletion keeps every probe chain unbroken.
    int mask = ids.length - 1;
    int hole = slot;
    int next = (hole + 1) & mask;
    while (ids[next] != EMPTY) {
      int home = hash(ids[next]) & mask;
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        ids[hole] = ids[next];
        xs[hole] = xs[next];
        ys[hole] = ys[next];
        radii[hole] = radii[next];
        hole = next;
      }
      next = (next + 1) & mask;
    }
    ids[hole] = EMPTY;
    size--;
    return true;
  }

  boolean contains(int id) {
    return ids[slot(id & Integer.MAX_VALUE)] != EMPTY;
  }

  /**
   * The slot of the spore nearest to (x, y), or -1 when there is none; read it with
   * {@link #x(int)}, {@link #y(int)}.
   */
  int nearest(double x, double y) {
    int best = -1;
    double bestDistance = Double.MAX_VALUE;
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] != EMPTY) {
        double dx = xs[i] - x;
        double dy = ys[i] - y;
        double d = dx * dx + dy * dy;
        if (d < bestDistance) {
          bestDistance = d;
          best = i;
        }
      }
    }
    return best;
  }

  float x(int slot) {
    return xs[slot];
  }

  float y(int slot) {
    return ys[slot];
  }

  float radius(int slot) {
    return radii[slot];
  }

  private int slot(int id) {
    int mask = ids.length - 1;
    int i = hash(id) & mask;
    while (ids[i] != EMPTY && ids[i] != id) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private static int hash(int id) {
    int h = id * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private void grow() {
    int[] oldIds = ids;
    float[] oldXs = xs;
    float[] oldYs = ys;
    float[] oldRadii = radii;
    allocate(oldIds.length * 2);
    for (int i = 0; i < oldIds.length; i++) {
      if (oldIds[i] != EMPTY) {
        int slot = slot(oldIds[i]);
        ids[slot] = oldIds[i];
        xs[slot] = oldXs[i];
        ys[slot] = oldYs[i];
        radii[slot] = oldRadii[i];
        size++;
      }
    }
  }

  private void allocate(int capacity) {
    ids = new int[capacity];
    Arrays.fill(ids, EMPTY);
    xs = new float[capacity];
    ys = new float[capacity];
    radii = new float[capacity];
    size = 0;
  }
}
