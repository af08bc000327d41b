package rumble.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SporeEatingTest {

  @Test
  void eatingASporeAddsExactlyItsMass() {
    World world = Worlds.quiet();
    int spore = world.addSpore(100, 0, 8);
    int player = Worlds.playerAt(world, 0, 0);
    world.steerTowards(player, 100, 0);
    long eatenAt = -1;
    for (int i = 0; i < 40 && eatenAt < 0; i++) {
      world.step();
      if (world.events().sporesEaten().size() > 0) {
        eatenAt = world.tick();
        assertEquals(spore, world.events().sporesEaten().first(0));
        assertEquals(player, world.events().sporesEaten().second(0));
        // Eaten in the first tick the centre is strictly inside: 80 < x (radius 20).
        assertTrue(world.playerX(player) > 80);
        assertTrue(world.playerX(player) - 150 * 0.05 <= 80);
      }
    }
    assertTrue(eatenAt > 0);
    assertFalse(world.hasSpore(spore));
    assertEquals(0, world.sporeCount());
    assertEquals(Worlds.START_MASS + Math.PI * 64, world.playerMass(player), 1e-9);
    assertEquals(Math.round(Worlds.START_MASS + Math.PI * 64), world.score(player));
  }

  @Test
  void sporeWhoseCentreIsNotCoveredStays() {
    World world = Worlds.quiet();
    int overlapping = world.addSpore(25, 0, 10);
    int onTheEdge = world.addSpore(0, 40, 10);
    int player = Worlds.playerAt(world, 0, 0);
    world.step();
    assertTrue(world.hasSpore(overlapping), "circles overlap but the centre is outside");
    world.placePlayer(player, 0, 20);
    world.step();
    assertTrue(world.hasSpore(onTheEdge), "centre exactly on the edge is not covered");
    assertEquals(Worlds.START_MASS, world.playerMass(player), 1e-9);
    assertEquals(0, world.events().sporesEaten().size());
  }

  @Test
  void aSporeCoveredByTwoPlayersGoesToTheBiggerOneOnly() {
    World world = Worlds.quiet();
    int spore = world.addSpore(0, 0, 5);
    int smaller = Worlds.playerAt(world, -10, 0);
    int bigger = Worlds.playerAt(world, 10, 0, Worlds.START_MASS * 1.2);
    world.step();
    assertEquals(1, world.events().sporesEaten().size());
    assertEquals(spore, world.events().sporesEaten().first(0));
    assertEquals(bigger, world.events().sporesEaten().second(0));
    assertEquals(Worlds.START_MASS, world.playerMass(smaller), 1e-9);
    assertEquals(Worlds.START_MASS * 1.2 + Math.PI * 25, world.playerMass(bigger), 1e-9);
  }

  @Test
  void equalPlayersTieBreakOnLowerId() {
    World world = Worlds.quiet();
    world.addSpore(0, 0, 5);
    int first = Worlds.playerAt(world, 10, 0);
    int second = Worlds.playerAt(world, -10, 0);
    world.step();
    assertEquals(1, world.events().sporesEaten().size());
    assertEquals(Math.min(first, second), world.events().sporesEaten().second(0));
    assertEquals(Worlds.START_MASS + Math.PI * 25, world.playerMass(first), 1e-9);
    assertEquals(Worlds.START_MASS, world.playerMass(second), 1e-9);
  }

  @Test
  void addSporeRefusesBadSpots() {
    World world = Worlds.quiet();
    Worlds.playerAt(world, 0, 0);
    assertEquals(-1, world.addSpore(25, 0, 10), "overlaps the player");
    assertTrue(world.addSpore(30, 0, 10) > 0, "touching is fine");
    assertEquals(-1, world.addSpore(2995, 0, 10), "sticks out of the world");
    assertEquals(-1, world.addSpore(500, 0, 0), "no radius");
    assertEquals(-1, world.addSpore(500, 0, 51), "bigger than maxSporeRadius");
    assertEquals(-1, world.addSpore(Double.NaN, 0, 10));
    assertEquals(1, world.sporeCount());
  }

  @Test
  void sporeSpotsAreFreeAndTheSearchGivesUpWhenThereIsNoRoom() {
    World world = new World(Worlds.QUIET, 5);
    for (int i = 0; i < 40; i++) {
      world.addPlayer("p" + i, i);
    }
    for (int i = 0; i < 500; i++) {
      double r = world.randomSporeRadius();
      assertTrue(r >= 5 && r <= 50);
      Spot spot = world.findSporeSpot(r);
      assertTrue(spot != null);
      assertTrue(world.addSpore(spot.x(), spot.y(), r) > 0);
    }
    assertEquals(500, world.sporeCount());

    World tiny = new World(Worlds.QUIET.withHalfSize(100), 5);
    int giant = tiny.addPlayer("giant", 0);
    tiny.setPlayerMass(giant, Mass.ofRadius(400));
    assertEquals(null, tiny.findSporeSpot(10));
  }

  @Test
  void sporePopulationCanGrowFarBeyondTheInitialCapacity() {
    World world = new World(Worlds.QUIET, 11);
    int last = 0;
    for (int i = 0; i < 5000; i++) {
      double r = world.randomSporeRadius();
      Spot spot = world.findSporeSpot(r);
      int id = world.addSpore(spot.x(), spot.y(), r);
      assertTrue(id > last, "ids count up");
      assertEquals(r, world.sporeRadius(id));
      last = id;
    }
    assertEquals(5000, world.sporeCount());
    int[] seen = {0};
    world.forEachSporeIn(-3000, -3000, 3000, 3000, id -> seen[0]++);
    assertEquals(5000, seen[0]);
  }
}
