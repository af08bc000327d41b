package rumble.sim;

/**
 * One square layer of equal cells over the world {@code [-halfSize, halfSize]²}. Its cells are numbered
 * from {@code firstCell} so several layers can share one {@link CellLists}. Coordinates outside the world
 * fall into the edge cells, so callers never need bounds checks.
 */
final class GridLevel {
  final double cellSize;
  final int side;
  final int firstCell;
  private final double origin;

  GridLevel(double halfSize, double cellSize, int firstCell) {
    this.cellSize = cellSize;
    this.side = Math.max(1, (int) Math.ceil(2 * halfSize / cellSize));
    this.firstCell = firstCell;
    this.origin = -halfSize;
  }

  int cellCount() {
    return side * side;
  }

  /** Column (or row) holding the coordinate, clamped to the grid. */
  int column(double coordinate) {
    double c = (coordinate - origin) / cellSize;
    if (!(c >= 0)) {
      return 0;
    }
    return c >= side ? side - 1 : (int) c;
  }

  int cellAt(double x, double y) {
    return firstCell + column(y) * side + column(x);
  }

  /**
   * Appends every slot stored in the cells overlapping the rectangle to {@code out} from index {@code n};
   * returns the new length. A superset: callers still test each slot exactly.
   */
  int collect(CellLists lists, double minX, double minY, double maxX, double maxY, int[] out, int n) {
    int fromCol = column(minX);
    int toCol = column(maxX);
    int toRow = column(maxY);
    for (int row = column(minY); row <= toRow; row++) {
      int rowStart = firstCell + row * side;
      for (int col = fromCol; col <= toCol; col++) {
        for (int s = lists.first(rowStart + col); s != CellLists.NONE; s = lists.next(s)) {
          out[n++] = s;
        }
      }
    }
    return n;
  }
}
