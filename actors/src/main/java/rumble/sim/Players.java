package rumble.sim;

import java.util.Arrays;

/**
 * Player storage: parallel primitive arrays indexed by slot, recycled through a free list, plus the
 * {@link PlayerIndex}, which every mutator here keeps in sync. Ids count up from 1 and are never reused,
 * so the id → slot table is a plain array (4 bytes per player ever joined).
 *
 * <p>{@code order[0..count)} lists the live slots; {@link #sortBySize()} puts it biggest first, which is the
 * order the rules resolve eating in.
 */
final class Players {
  static final byte IDLE = 0;
  static final byte HEADING = 1;
  static final byte TARGET = 2;

  final PlayerIndex index;
  int[] id;
  String[] name;
  int[] color;
  double[] x;
  double[] y;
  double[] radius;
  double[] mass;
  /** Full speed for the current radius, cached because {@code Math.pow} per player per tick adds up. */
  double[] speed;
  byte[] mode;
  boolean[] moving;
  /** Unit vector of the current heading; the direction in radians is derived only when asked. */
  double[] headingX;
  double[] headingY;
  double[] targetX;
  double[] targetY;
  long[] bestScore;
  /** Tick in which the player was last eaten, so "eaten this tick" needs no clearing pass. */
  long[] eatenInTick;
  int[] order;
  int count;

  private final WorldConfig config;
  private int[] freeSlots;
  private int freeCount;
  private int used;
  private int[] slotById = new int[64];
  private int nextId = 1;

  Players(WorldConfig config, int initialCapacity) {
    this.config = config;
    allocate(initialCapacity);
    index = new PlayerIndex(this, config.halfSize(), initialCapacity);
  }

  int slotOf(int playerId) {
    return playerId > 0 && playerId < nextId ? slotById[playerId] : -1;
  }

  /** Adds an idle player of start size at the given point; returns its slot. */
  int add(String playerName, int playerColor, double px, double py) {
    if (nextId == Integer.MAX_VALUE) {
      throw new IllegalStateException("player ids exhausted");
    }
    if (freeCount == 0 && used == id.length) {
      allocate(id.length * 2);
      index.ensureSlots(id.length);
    }
    int slot = freeCount > 0 ? freeSlots[--freeCount] : used++;
    int newId = nextId++;
    if (newId >= slotById.length) {
      slotById = Arrays.copyOf(slotById, slotById.length * 2);
    }
    slotById[newId] = slot;
    id[slot] = newId;
    name[slot] = playerName;
    color[slot] = playerColor;
    mode[slot] = IDLE;
    moving[slot] = false;
    headingX[slot] = 1;
    headingY[slot] = 0;
    bestScore[slot] = 0;
    eatenInTick[slot] = -1;
    order[count++] = slot;
    x[slot] = px;
    y[slot] = py;
    setMass(slot, config.startMass());
    return slot;
  }

  void remove(int slot) {
    index.remove(slot);
    slotById[id[slot]] = -1;
    int at = 0;
    while (order[at] != slot) {
      at++;
    }
    System.arraycopy(order, at + 1, order, at, count - at - 1);
    count--;
    id[slot] = 0;
    name[slot] = null;
    freeSlots[freeCount++] = slot;
  }

  /** Moves the centre, clamped inside the world border. */
  void place(int slot, double px, double py) {
    double half = config.halfSize();
    x[slot] = Math.max(-half, Math.min(half, px));
    y[slot] = Math.max(-half, Math.min(half, py));
    index.update(slot);
  }

  /** Sets the mass; radius, speed, best score and the index follow. */
  void setMass(int slot, double newMass) {
    mass[slot] = newMass;
    radius[slot] = Mass.radiusOf(newMass);
    speed[slot] = config.speedAt(radius[slot]);
    bestScore[slot] = Math.max(bestScore[slot], Mass.score(newMass));
    index.update(slot);
  }

  /** Mass before id: "biggest first, ties by lower id" is the resolution order of every rule. */
  boolean isBefore(int a, int b) {
    return mass[a] > mass[b] || (mass[a] == mass[b] && id[a] < id[b]);
  }

  /** Insertion sort: masses change little per tick, so the order is nearly sorted and this is ~O(n). */
  void sortBySize() {
    for (int i = 1; i < count; i++) {
      int slot = order[i];
      int j = i - 1;
      while (j >= 0 && isBefore(slot, order[j])) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = slot;
    }
  }

  private void allocate(int capacity) {
    boolean first = id == null;
    id = first ? new int[capacity] : Arrays.copyOf(id, capacity);
    name = first ? new String[capacity] : Arrays.copyOf(name, capacity);
    color = first ? new int[capacity] : Arrays.copyOf(color, capacity);
    x = first ? new double[capacity] : Arrays.copyOf(x, capacity);
    y = first ? new double[capacity] : Arrays.copyOf(y, capacity);
    radius = first ? new double[capacity] : Arrays.copyOf(radius, capacity);
    mass = first ? new double[capacity] : Arrays.copyOf(mass, capacity);
    speed = first ? new double[capacity] : Arrays.copyOf(speed, capacity);
    mode = first ? new byte[capacity] : Arrays.copyOf(mode, capacity);
    moving = first ? new boolean[capacity] : Arrays.copyOf(moving, capacity);
    headingX = first ? new double[capacity] : Arrays.copyOf(headingX, capacity);
    headingY = first ? new double[capacity] : Arrays.copyOf(headingY, capacity);
    targetX = first ? new double[capacity] : Arrays.copyOf(targetX, capacity);
    targetY = first ? new double[capacity] : Arrays.copyOf(targetY, capacity);
    bestScore = first ? new long[capacity] : Arrays.copyOf(bestScore, capacity);
    eatenInTick = first ? new long[capacity] : Arrays.copyOf(eatenInTick, capacity);
    order = first ? new int[capacity] : Arrays.copyOf(order, capacity);
    freeSlots = first ? new int[capacity] : Arrays.copyOf(freeSlots, capacity);
  }
}
