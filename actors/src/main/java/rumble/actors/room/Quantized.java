package rumble.actors.room;

/** How the room rounds positions, sizes and headings for the wire (see JoinedRoomMessage). */
final class Quantized {

  /** Positions, radii and speeds are sent as integers of 1/10 world unit. */
  static final int POSITION_SCALE = 10;
  /** Headings are sent in 1/4096 of a full turn (0.09°). */
  static final int HEADING_STEPS = 4096;

  private static final double TURN = 2 * Math.PI;

  private Quantized() {}

  static int position(double value) {
    return (int) Math.round(value * POSITION_SCALE);
  }

  static double position(int quantized) {
    return quantized / (double) POSITION_SCALE;
  }

  static int heading(double radians) {
    int steps = (int) Math.round(radians / TURN * HEADING_STEPS) % HEADING_STEPS;
    return steps < 0 ? steps + HEADING_STEPS : steps;
  }

  static double heading(int steps) {
    return steps * TURN / HEADING_STEPS;
  }
}
