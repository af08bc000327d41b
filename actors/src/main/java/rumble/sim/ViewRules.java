package rumble.sim;

/**
 * How the view grows with the player, for interest management. The base rectangle a player sees at
 * the start radius is configured ({@code rumble.game.view.width} and {@code height}, 1024 × 576 by
 * default, read into {@code RoomSettings}) and sent to clients in {@code JoinedRoomMessage} together
 * with the start radius and {@link #GROWTH_EXPONENT}. The rectangle grows with the player by
 * {@code (r / startRadius)^0.4}, the agar.io-clone curve: a player 10× the start radius sees about
 * 2.5× further. It never shrinks below the base size, so players who shed below the start radius
 * still see the whole base rectangle. Entities whose circle touches the rectangle are in view.
 */
public final class ViewRules {
  public static final double GROWTH_EXPONENT = 0.4;

  private ViewRules() {}

  /** Factor the base view is multiplied by for a player of this radius; at least 1. */
  public static double scale(double radius, double startRadius) {
    return radius <= startRadius ? 1 : Math.pow(radius / startRadius, GROWTH_EXPONENT);
  }
}
