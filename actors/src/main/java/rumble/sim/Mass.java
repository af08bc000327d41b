package rumble.sim;

/**
 * Mass is area. Every size rule (eating, growth, shedding, score) works on {@code π·r²}, so two players
 * of radius 20 merged have radius √2·20, not 40.
 */
public final class Mass {
  private Mass() {}

  public static double ofRadius(double radius) {
    return Math.PI * radius * radius;
  }

  public static double radiusOf(double mass) {
    return Math.sqrt(mass / Math.PI);
  }

  /** The score players see and hiscores store: mass rounded to a whole number (1257 at radius 20). */
  public static long score(double mass) {
    return Math.round(mass);
  }
}
