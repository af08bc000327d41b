package rumble.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MovementTest {
  private static final double EXACT = 1e-9;
  private static final double DT = 0.05;

  @Test
  void newPlayerStandsStillUntilSteered() {
    World world = Worlds.quiet();
    int id = Worlds.playerAt(world, 10, 20);
    for (int i = 0; i < 20; i++) {
      world.step();
    }
    assertEquals(10, world.playerX(id), EXACT);
    assertEquals(20, world.playerY(id), EXACT);
    assertEquals(0, world.playerSpeed(id));
  }

  @Test
  void headingMovesAtFullSpeedForeverWithYPointingDown() {
    World world = Worlds.quiet();
    int id = Worlds.playerAt(world, 100, -200);
    double direction = 0.7;
    assertTrue(world.steer(id, direction));
    for (int i = 0; i < 37; i++) {
      world.step();
    }
    assertEquals(100 + 37 * 150 * Math.cos(direction) * DT, world.playerX(id), EXACT);
    assertEquals(-200 + 37 * 150 * Math.sin(direction) * DT, world.playerY(id), EXACT);
    assertEquals(direction, world.playerDirection(id), 1e-12);
    assertEquals(150, world.playerSpeed(id), EXACT);

    world.steer(id, Math.PI / 2);
    world.step();
    assertEquals(-200 + 37 * 150 * Math.sin(direction) * DT + 150 * DT, world.playerY(id), EXACT);
  }

  @Test
  void targetIsApproachedAtFullSpeedAndReachedWithoutOvershoot() {
    World world = Worlds.quiet();
    int id = Worlds.playerAt(world, 0, 0);
    assertTrue(world.steerTowards(id, 100, 50));
    double distance = Math.hypot(100, 50);
    for (int i = 0; i < 10; i++) {
      world.step();
    }
    double travelled = 10 * 150 * DT;
    assertEquals(100 * travelled / distance, world.playerX(id), EXACT);
    assertEquals(50 * travelled / distance, world.playerY(id), EXACT);
    assertEquals(Math.atan2(50, 100), world.playerDirection(id), 1e-12);

    for (int i = 0; i < 5; i++) {
      world.step();
    }
    assertEquals(100, world.playerX(id), EXACT);
    assertEquals(50, world.playerY(id), EXACT);
    assertEquals(0, world.playerSpeed(id));
    world.step();
    assertEquals(100, world.playerX(id), EXACT);
    assertEquals(50, world.playerY(id), EXACT);
  }

  @Test
  void biggerPlayersAreSlower() {
    World world = Worlds.quiet();
    int small = Worlds.playerAt(world, -1000, 0);
    int big = Worlds.playerAt(world, 1000, 0, Mass.ofRadius(80));
    world.steer(small, 0);
    world.steer(big, 0);
    assertEquals(150, world.playerSpeed(small), EXACT);
    double bigSpeed = 150 * Math.pow(20.0 / 80, 0.44);
    assertEquals(bigSpeed, world.playerSpeed(big), EXACT);
    world.step();
    assertEquals(-1000 + 150 * DT, world.playerX(small), EXACT);
    assertEquals(1000 + bigSpeed * DT, world.playerX(big), EXACT);
    assertTrue(world.playerSpeed(big) < world.playerSpeed(small));
  }

  @Test
  void borderStopsPlayersAndClampsTargets() {
    World world = Worlds.quiet();
    int east = Worlds.playerAt(world, 2990, 0);
    int corner = Worlds.playerAt(world, -2000, -2000);
    world.steer(east, 0);
    assertTrue(world.steerTowards(corner, -99999, -99999));
    for (int i = 0; i < 200; i++) {
      world.step();
    }
    assertEquals(3000, world.playerX(east), EXACT);
    assertEquals(0, world.playerY(east), EXACT);
    assertEquals(-3000, world.playerX(corner), EXACT);
    assertEquals(-3000, world.playerY(corner), EXACT);
    assertEquals(0, world.playerSpeed(corner));
  }

  @Test
  void badSteeringIsRefused() {
    World world = Worlds.quiet();
    int id = Worlds.playerAt(world, 0, 0);
    assertFalse(world.steer(id, Double.NaN));
    assertFalse(world.steerTowards(id, Double.POSITIVE_INFINITY, 0));
    assertFalse(world.steer(id + 1000, 0));
    world.step();
    assertEquals(0, world.playerX(id), EXACT);
  }
}
