package rumble.sim;

/** A free point in the world, as found by {@link World#findSporeSpot(double)}. */
public record Spot(double x, double y) {}
