package rumble.sim;

/**
 * Steering and motion. A player is idle until first steered, then either follows a heading forever at full
 * speed (the original's PlayerDirectionMessage) or runs at full speed to a target point and stops there.
 * Each tick moves it {@code speed(r)·dt}, never past its target, and clamps the centre inside the border.
 */
final class Movement {
  private Movement() {}

  /**
   * Radians as {@code atan2(y, x)} with y pointing down: 0 is east, π/2 is south. StrictMath, so a
   * replay on another machine or JVM computes bit-identical positions.
   */
  static void steerHeading(Players p, int slot, double direction) {
    p.mode[slot] = Players.HEADING;
    p.moving[slot] = true;
    p.headingX[slot] = StrictMath.cos(direction);
    p.headingY[slot] = StrictMath.sin(direction);
  }

  /** Targets outside the world are clamped to the border, so the player can always arrive. */
  static void steerTarget(Players p, int slot, double tx, double ty, double halfSize) {
    tx = Math.max(-halfSize, Math.min(halfSize, tx));
    ty = Math.max(-halfSize, Math.min(halfSize, ty));
    p.mode[slot] = Players.TARGET;
    p.targetX[slot] = tx;
    p.targetY[slot] = ty;
    double dx = tx - p.x[slot];
    double dy = ty - p.y[slot];
    double distance = Math.sqrt(dx * dx + dy * dy);
    p.moving[slot] = distance > 0;
    if (distance > 0) {
      p.headingX[slot] = dx / distance;
      p.headingY[slot] = dy / distance;
    }
  }

  /** Moves every live player by one tick. */
  static void advance(Players p, double dt) {
    for (int i = 0; i < p.count; i++) {
      int slot = p.order[i];
      if (p.mode[slot] == Players.HEADING) {
        double v = p.speed[slot];
        p.place(slot, p.x[slot] + v * p.headingX[slot] * dt, p.y[slot] + v * p.headingY[slot] * dt);
      } else if (p.mode[slot] == Players.TARGET && p.moving[slot]) {
        advanceToTarget(p, slot, p.speed[slot] * dt);
      }
    }
  }

  private static void advanceToTarget(Players p, int slot, double stride) {
    double dx = p.targetX[slot] - p.x[slot];
    double dy = p.targetY[slot] - p.y[slot];
    double distance = Math.sqrt(dx * dx + dy * dy);
    if (distance <= stride) {
      p.moving[slot] = false;
      p.place(slot, p.targetX[slot], p.targetY[slot]);
      return;
    }
    p.headingX[slot] = dx / distance;
    p.headingY[slot] = dy / distance;
    p.place(slot, p.x[slot] + p.headingX[slot] * stride, p.y[slot] + p.headingY[slot] * stride);
  }
}
