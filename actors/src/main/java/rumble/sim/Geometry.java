package rumble.sim;

/** The two overlap tests the rules use, in one place so the index and the rules can't disagree. */
final class Geometry {
  private Geometry() {}

  /** True when the circle and the closed rectangle share at least one point (touching counts). */
  static boolean circleTouchesRect(
      double cx, double cy, double r, double minX, double minY, double maxX, double maxY) {
    double dx = cx < minX ? minX - cx : cx > maxX ? cx - maxX : 0;
    double dy = cy < minY ? minY - cy : cy > maxY ? cy - maxY : 0;
    return dx * dx + dy * dy <= r * r;
  }

  /** True when the point lies strictly inside the circle: the "covers the centre" rule for eating. */
  static boolean covers(double cx, double cy, double r, double px, double py) {
    double dx = px - cx;
    double dy = py - cy;
    return dx * dx + dy * dy < r * r;
  }
}
