package rumble.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlayerEatingTest {
  private static final double M = Worlds.START_MASS;

  @Test
  void massRatioBelowOneAndAHalfIsNotEnough() {
    assertNotEaten(1.4 * M, 5);
  }

  @Test
  void massRatioOfExactlyOneAndAHalfIsNotEnough() {
    assertNotEaten(1.5 * M, 5);
  }

  @Test
  void enoughMassButCentreNotCoveredIsNotEnough() {
    double eaterMass = 2 * M;
    double eaterRadius = Mass.radiusOf(eaterMass);
    assertNotEaten(eaterMass, eaterRadius + 1);
    assertNotEaten(eaterMass, eaterRadius);
  }

  @Test
  void enoughMassAndCentreCoveredEatsAndTheEaterGainsTheVictimsMass() {
    World world = Worlds.quiet();
    double eaterMass = Math.nextUp(1.5 * M);
    int eater = Worlds.playerAt(world, 0, 0, eaterMass);
    int victim = Worlds.playerAt(world, Mass.radiusOf(eaterMass) - 0.01, 0);
    world.step();
    assertEquals(1, world.events().playersEaten().size());
    assertEquals(victim, world.events().playersEaten().first(0));
    assertEquals(eater, world.events().playersEaten().second(0));
    assertEquals(eaterMass + M, world.playerMass(eater), 1e-9);
  }

  @Test
  void anEatenPlayerCannotEatInTheSameTick() {
    World world = Worlds.quiet();
    int big = Worlds.playerAt(world, 0, 0, 10 * M);
    int middle = Worlds.playerAt(world, 50, 0, 2 * M);
    int small = Worlds.playerAt(world, 75, 0);
    assertTrue(75 > world.playerRadius(big) && 25 < world.playerRadius(middle));
    world.step();
    assertEquals(1, world.events().playersEaten().size());
    assertEquals(middle, world.events().playersEaten().first(0));
    assertEquals(big, world.events().playersEaten().second(0));
    assertEquals(M, world.playerMass(small), 1e-9);
    assertEquals(12 * M, world.playerMass(big), 1e-9);
  }

  @Test
  void aVictimWithinReachOfTwoEatersGoesToTheBiggest() {
    World world = Worlds.quiet();
    int bigger = Worlds.playerAt(world, -30, 0, 4 * M);
    int smaller = Worlds.playerAt(world, 30, 0, 3 * M);
    int victim = Worlds.playerAt(world, 0, 0);
    world.step();
    assertEquals(1, world.events().playersEaten().size());
    assertEquals(victim, world.events().playersEaten().first(0));
    assertEquals(bigger, world.events().playersEaten().second(0));
    assertEquals(5 * M, world.playerMass(bigger), 1e-9);
    assertEquals(3 * M, world.playerMass(smaller), 1e-9);
  }

  @Test
  void oneEaterCanSwallowSeveralPlayersInOneTick() {
    World world = Worlds.quiet();
    int eater = Worlds.playerAt(world, 0, 0, 20 * M);
    for (int i = 0; i < 4; i++) {
      Worlds.playerAt(world, 40 * Math.cos(i), 40 * Math.sin(i));
    }
    world.step();
    assertEquals(4, world.events().playersEaten().size());
    assertEquals(24 * M, world.playerMass(eater), 1e-9);
  }

  @Test
  void growthStopsAtTheMaximumRadius() {
    World world = Worlds.quiet();
    double nearlyMax = Mass.ofRadius(999);
    int eater = Worlds.playerAt(world, 0, 0, nearlyMax);
    int victim = Worlds.playerAt(world, 500, 0, 100 * M);
    world.step();
    assertEquals(victim, world.events().playersEaten().first(0));
    assertEquals(1000, world.playerRadius(eater), 1e-9);
    assertEquals(Math.round(Mass.ofRadius(1000)), world.bestScore(eater));
  }

  private static void assertNotEaten(double eaterMass, double distance) {
    World world = Worlds.quiet();
    int eater = Worlds.playerAt(world, 0, 0, eaterMass);
    int victim = Worlds.playerAt(world, distance, 0);
    world.step();
    assertEquals(0, world.events().playersEaten().size());
    assertEquals(eaterMass, world.playerMass(eater), 1e-9);
    assertEquals(M, world.playerMass(victim), 1e-9);
    assertEquals(distance, world.playerX(victim), 1e-9);
  }
}
