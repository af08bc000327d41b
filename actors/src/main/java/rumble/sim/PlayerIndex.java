package rumble.sim;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Spatial index of players: a stack of uniform grids whose cell size doubles per level (128, 256, ... up
 * to one cell covering the world). A player lives, by centre, in the finest level whose cell size is at
 * least its radius, so every cell holds only players no wider than the cell. Queries for circles touching
 * a rectangle widen the rectangle per level by that level's cell size only, so a few huge players don't
 * make every view query scan the whole map, and small players stay in small cells. Updated incrementally
 * whenever a player moves or changes size; never rebuilt.
 */
final class PlayerIndex {
  private static final double BASE_CELL_SIZE = 128;
  private static final int MAX_SIDE = 512;

  private final Players players;
  private final GridLevel[] levels;
  private final int[] levelPopulation;
  private final CellLists cells;
  private int[] levelOf = new int[0];
  private int[] hits = new int[0];

  PlayerIndex(Players players, double halfSize, int capacity) {
    this.players = players;
    GridLevel[] built = new GridLevel[32];
    int count = 0;
    int cellTotal = 0;
    double cellSize = Math.max(BASE_CELL_SIZE, 2 * halfSize / MAX_SIDE);
    do {
      built[count] = new GridLevel(halfSize, cellSize, cellTotal);
      cellTotal += built[count].cellCount();
      cellSize *= 2;
    } while (built[count++].side > 1);
    levels = Arrays.copyOf(built, count);
    levelPopulation = new int[count];
    cells = new CellLists(cellTotal, capacity);
    ensureSlots(capacity);
  }

  void ensureSlots(int capacity) {
    if (capacity > hits.length) {
      levelOf = Arrays.copyOf(levelOf, capacity);
      hits = new int[capacity];
      cells.ensureSlots(capacity);
    }
  }

  /** The level for a radius; the last (single-cell) level takes everything too big for the others. */
  int levelFor(double radius) {
    int top = levels.length - 1;
    double ratio = radius / levels[0].cellSize;
    // log2 estimate, then exact comparisons so rounding can never file a circle wider than its cell.
    int level = ratio <= 1 ? 0 : Math.min(top, Math.max(0, Math.getExponent(ratio) + 1));
    while (level > 0 && radius <= levels[level - 1].cellSize) {
      level--;
    }
    while (level < top && radius > levels[level].cellSize) {
      level++;
    }
    return level;
  }

  /** Re-files the player after its position or radius changed. */
  void update(int slot) {
    int level = levelFor(players.radius[slot]);
    int cell = levels[level].cellAt(players.x[slot], players.y[slot]);
    if (cells.cellOf(slot) == cell) {
      return;
    }
    if (cells.cellOf(slot) != CellLists.NONE) {
      levelPopulation[levelOf[slot]]--;
    }
    levelOf[slot] = level;
    levelPopulation[level]++;
    cells.put(slot, cell);
  }

  void remove(int slot) {
    if (cells.cellOf(slot) != CellLists.NONE) {
      levelPopulation[levelOf[slot]]--;
      cells.remove(slot);
    }
  }

  int[] hits() {
    return hits;
  }

  /**
   * Slots of players at levels up to {@code maxLevel} whose centre may lie in the rectangle (a superset);
   * valid until the next collect call. Eating uses it: a victim is smaller, so never on a higher level.
   */
  int collectCentres(double minX, double minY, double maxX, double maxY, int maxLevel) {
    int n = 0;
    for (int level = 0; level <= maxLevel; level++) {
      if (levelPopulation[level] > 0) {
        n = levels[level].collect(cells, minX, minY, maxX, maxY, hits, n);
      }
    }
    return n;
  }

  int levelCount() {
    return levels.length;
  }

  /**
   * Slots of players filed at this level whose circle may touch the rectangle (a superset); valid until
   * the next collect call. Per level, so callers can look at the big players first and stop early.
   */
  int collectTouching(int level, double minX, double minY, double maxX, double maxY) {
    if (levelPopulation[level] == 0) {
      return 0;
    }
    double e = reachOf(level);
    return levels[level].collect(cells, minX - e, minY - e, maxX + e, maxY + e, hits, 0);
  }

  /** Calls back with the id of every player whose circle touches the rectangle; allocation free. */
  void forEachTouching(double minX, double minY, double maxX, double maxY, IntConsumer action) {
    double[] px = players.x;
    double[] py = players.y;
    double[] pr = players.radius;
    for (int level = 0; level < levels.length; level++) {
      if (levelPopulation[level] == 0) {
        continue;
      }
      GridLevel grid = levels[level];
      double e = reachOf(level);
      int fromCol = grid.column(minX - e);
      int toCol = grid.column(maxX + e);
      int toRow = grid.column(maxY + e);
      for (int row = grid.column(minY - e); row <= toRow; row++) {
        for (int col = fromCol; col <= toCol; col++) {
          int cell = grid.firstCell + row * grid.side + col;
          for (int s = cells.first(cell); s != CellLists.NONE; s = cells.next(s)) {
            if (Geometry.circleTouchesRect(px[s], py[s], pr[s], minX, minY, maxX, maxY)) {
              action.accept(players.id[s]);
            }
          }
        }
      }
    }
  }

  /** How far a circle filed at this level can reach beyond its cell; the top level has a single cell. */
  private double reachOf(int level) {
    return level == levels.length - 1 ? 0 : levels[level].cellSize;
  }
}
