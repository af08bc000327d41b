package rumble.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SheddingTest {

  @Test
  void bigPlayersShedSporesOfTheRightSizeAndLoseExactlyTheirMass() {
    World world = new World(WorldConfig.defaults(), 3);
    int big = world.addPlayer("big", 1);
    world.placePlayer(big, 0, 0);
    world.setPlayerMass(big, Mass.ofRadius(500));
    world.steer(big, 0.3);
    List<Integer> shed = new ArrayList<>();
    for (int t = 0; t < 400; t++) {
      double radiusBefore = world.playerRadius(big);
      double massBefore = world.playerMass(big);
      double xBefore = world.playerX(big);
      world.step();
      IdPairs drops = world.events().sporesShed();
      assertTrue(drops.size() <= 1);
      double expectedMass = massBefore;
      for (int i = 0; i < drops.size(); i++) {
        int spore = drops.first(i);
        assertEquals(big, drops.second(i));
        assertEquals(big, world.sporeShedBy(spore));
        double sporeRadius = Math.min(5 + radiusBefore / 50, 15);
        assertEquals(sporeRadius, world.sporeRadius(spore), 1e-12);
        expectedMass -= Mass.ofRadius(sporeRadius);
        double gap = Math.hypot(world.sporeX(spore) - world.playerX(big),
            world.sporeY(spore) - world.playerY(big));
        assertEquals(radiusBefore + sporeRadius + 1, gap, 1e-6, "just outside the circle");
        assertTrue(world.sporeX(spore) < world.playerX(big), "dropped behind the heading");
        shed.add(spore);
      }
      assertEquals(expectedMass, world.playerMass(big), 1e-6);
      assertTrue(world.playerX(big) > xBefore);
    }
    // About r/5000 per tick: ~0.1 at r=500, so ~40 drops in 400 ticks.
    assertTrue(shed.size() > 20 && shed.size() < 70, "drops " + shed.size());
    assertTrue(world.playerRadius(big) < 500);
    assertEquals(shed.size(), world.sporeCount(), "shed spores count toward the population");

    // The shedder runs back over every drop and gets nothing from them.
    for (int spore : shed) {
      double massBefore = world.playerMass(big);
      world.steerTowards(big, world.sporeX(spore), world.sporeY(spore));
      for (int t = 0; t < 400 && world.playerSpeed(big) > 0; t++) {
        world.step();
        for (int i = 0; i < world.events().sporesEaten().size(); i++) {
          assertFalse(world.events().sporesEaten().second(i) == big, "re-ate its own drop");
        }
      }
      assertTrue(world.hasSpore(spore));
      assertTrue(world.playerMass(big) <= massBefore);
    }

    // Anyone else can eat them.
    world.removePlayer(big);
    int other = world.addPlayer("other", 2);
    int target = shed.get(0);
    world.placePlayer(other, world.sporeX(target), world.sporeY(target));
    world.step();
    assertFalse(world.hasSpore(target));
    assertTrue(world.playerMass(other) > Worlds.START_MASS);
  }

  @Test
  void smallPlayersNeverShed() {
    World world = new World(WorldConfig.defaults(), 4);
    int tiny = world.addPlayer("tiny", 1);
    world.setPlayerMass(tiny, Mass.ofRadius(10));
    for (int t = 0; t < 2000; t++) {
      world.step();
      assertEquals(0, world.events().sporesShed().size());
    }
    assertEquals(10, world.playerRadius(tiny), 1e-9);
  }

  @Test
  void sheddingOffMeansNoDrops() {
    World world = Worlds.quiet();
    int big = Worlds.playerAt(world, 0, 0, Mass.ofRadius(800));
    for (int t = 0; t < 500; t++) {
      world.step();
    }
    assertEquals(0, world.sporeCount());
    assertEquals(800, world.playerRadius(big), 1e-9);
  }
}
