package rumble.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeterminismTest {

  @Test
  void sameSeedAndInputsGiveTheSameGame() {
    World a = new World(WorldConfig.defaults().withHalfSize(800), 42);
    World b = new World(WorldConfig.defaults().withHalfSize(800), 42);
    for (int t = 0; t < 800; t++) {
      drive(a, t);
      drive(b, t);
      a.step();
      b.step();
      assertEquals(snapshot(a), snapshot(b), "tick " + t);
    }
    World other = new World(WorldConfig.defaults().withHalfSize(800), 43);
    for (int t = 0; t < 800; t++) {
      drive(other, t);
      other.step();
    }
    assertNotEquals(snapshot(a), snapshot(other));
  }

  /** The same scripted inputs for any world: joins, leaves, steering and spore top-ups. */
  private static void drive(World world, int t) {
    SplittableRandom script = new SplittableRandom(t);
    if (t < 60 && t % 2 == 0) {
      world.addPlayer("p" + t, t);
    }
    if (t == 300) {
      world.removePlayer(5);
    }
    while (world.sporeCount() < 200) {
      double r = world.randomSporeRadius();
      Spot spot = world.findSporeSpot(r);
      if (spot == null) {
        break;
      }
      world.addSpore(spot.x(), spot.y(), r);
    }
    int id = 1 + script.nextInt(30);
    if (world.hasPlayer(id)) {
      if (script.nextBoolean()) {
        world.steer(id, script.nextDouble(-Math.PI, Math.PI));
      } else {
        world.steerTowards(id, script.nextDouble(-900, 900), script.nextDouble(-900, 900));
      }
    }
  }

  private static String snapshot(World world) {
    StringBuilder s = new StringBuilder();
    world.forEachPlayer(id -> s.append(id).append(':').append(world.playerX(id)).append(',')
        .append(world.playerY(id)).append(',').append(world.playerMass(id)).append(',')
        .append(world.bestScore(id)).append(',').append(world.playerSpeed(id)).append(';'));
    s.append('|');
    world.forEachSpore(id -> s.append(id).append(':').append(world.sporeX(id)).append(',')
        .append(world.sporeY(id)).append(',').append(world.sporeRadius(id)).append(';'));
    TickEvents e = world.events();
    s.append('|').append(e.sporesEaten()).append(e.playersEaten()).append(e.sporesShed());
    return s.toString();
  }
}
