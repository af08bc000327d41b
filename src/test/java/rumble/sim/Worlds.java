package rumble.sim;

/** Small builders shared by the simulation tests. */
final class Worlds {
  static final WorldConfig QUIET = WorldConfig.defaults().withSheddingEnabled(false);
  static final double START_MASS = QUIET.startMass();

  private Worlds() {}

  /** A world without shedding, so nothing random happens after setup. */
  static World quiet() {
    return new World(QUIET, 1);
  }

  static int playerAt(World world, double x, double y) {
    int id = world.addPlayer("p", 0xFF0000FF);
    world.placePlayer(id, x, y);
    return id;
  }

  static int playerAt(World world, double x, double y, double mass) {
    int id = playerAt(world, x, y);
    world.setPlayerMass(id, mass);
    return id;
  }
}
