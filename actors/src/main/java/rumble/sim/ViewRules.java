package rumble.sim;

/**
 * How much of the world a player sees, for interest management. A player at the start radius sees a
 * 1920 × 1080 rectangle centred on itself (a full-HD screen at zoom 1). The rectangle grows with the
 * player by {@code (r / startRadius)^0.4}, the agar.io-clone curve: a player 10× the start radius sees
 * about 2.5× further. It never shrinks below the base size, so players who shed below the start radius
 * still see a full screen. Entities whose circle touches the rectangle are in view.
 */
public final class ViewRules {
  public static final double BASE_WIDTH = 1920;
  public static final double BASE_HEIGHT = 1080;
  public static final double GROWTH_EXPONENT = 0.4;
  private static final double DEFAULT_START_RADIUS = WorldConfig.defaults().startRadius();

  private ViewRules() {}

  /** Factor the base view is multiplied by for a player of this radius; at least 1. */
  public static double scale(double radius, double startRadius) {
    return radius <= startRadius ? 1 : Math.pow(radius / startRadius, GROWTH_EXPONENT);
  }

  public static double halfWidth(double radius, double startRadius) {
    return BASE_WIDTH / 2 * scale(radius, startRadius);
  }

  public static double halfHeight(double radius, double startRadius) {
    return BASE_HEIGHT / 2 * scale(radius, startRadius);
  }

  /** Half width with the default start radius (20). */
  public static double halfWidth(double radius) {
    return halfWidth(radius, DEFAULT_START_RADIUS);
  }

  /** Half height with the default start radius (20). */
  public static double halfHeight(double radius) {
    return halfHeight(radius, DEFAULT_START_RADIUS);
  }
}
