package rumble.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The grids must answer exactly like a brute-force scan, including huge players and touching edges. */
class SpatialIndexTest {

  @Test
  void viewQueriesMatchBruteForceOnRandomWorlds() {
    for (long seed = 1; seed <= 6; seed++) {
      Random rnd = new Random(seed);
      World world = randomWorld(rnd, seed);
      for (int q = 0; q < 300; q++) {
        double[] rect = q % 3 == 0 ? touchingRect(world, rnd) : randomRect(rnd);
        assertEquals(brutePlayers(world, rect), queryPlayers(world, rect), "seed " + seed + " query " + q);
        assertEquals(bruteSpores(world, rect), querySpores(world, rect), "seed " + seed + " query " + q);
      }
      // Random steering, eating and shedding move things around; the incremental grids must keep up.
      for (int t = 0; t < 60; t++) {
        int[] ids = playerIds(world);
        world.steer(ids[rnd.nextInt(ids.length)], rnd.nextDouble() * 7);
        world.step();
      }
      for (int q = 0; q < 100; q++) {
        double[] rect = randomRect(rnd);
        assertEquals(brutePlayers(world, rect), queryPlayers(world, rect));
        assertEquals(bruteSpores(world, rect), querySpores(world, rect));
      }
    }
  }

  @Test
  void eatingMatchesABruteForceReferenceOfTheRules() {
    int totalPlayerMeals = 0;
    int totalSporeMeals = 0;
    for (long seed = 1; seed <= 8; seed++) {
      Random rnd = new Random(seed * 31);
      World world = new World(Worlds.QUIET, seed);
      for (int i = 0; i < 150; i++) {
        double r = 5 + rnd.nextDouble() * 10;
        world.addSpore(rnd.nextDouble() * 1000 - 500, rnd.nextDouble() * 1000 - 500, r);
      }
      for (int i = 0; i < 120; i++) {
        int id = world.addPlayer("p", i);
        world.placePlayer(id, rnd.nextDouble() * 1000 - 500, rnd.nextDouble() * 1000 - 500);
        double radius = i % 40 == 0 ? 300 + rnd.nextDouble() * 3000 : 5 + rnd.nextDouble() * 60;
        world.setPlayerMass(id, Mass.ofRadius(i % 7 == 0 ? 20 : radius));
      }
      Set<String> expectedPlayers = new TreeSet<>();
      Set<String> expectedSpores = new TreeSet<>();
      referenceStep(world, expectedPlayers, expectedSpores);
      world.step();
      assertEquals(expectedPlayers, pairs(world.events().playersEaten()), "seed " + seed);
      assertEquals(expectedSpores, pairs(world.events().sporesEaten()), "seed " + seed);
      totalPlayerMeals += expectedPlayers.size();
      totalSporeMeals += expectedSpores.size();
    }
    assertTrue(totalPlayerMeals > 50 && totalSporeMeals > 50, totalPlayerMeals + " " + totalSporeMeals);
  }

  /** The eating rules written the slow, obvious way over a snapshot of the world. */
  private static void referenceStep(World world, Set<String> playerMeals, Set<String> sporeMeals) {
    List<double[]> ps = new ArrayList<>();
    world.forEachPlayer(id -> ps.add(new double[] {
        id, world.playerX(id), world.playerY(id), world.playerMass(id), world.playerRadius(id), 0}));
    List<double[]> ss = new ArrayList<>();
    world.forEachSpore(id -> ss.add(new double[] {
        id, world.sporeX(id), world.sporeY(id), world.sporeRadius(id), world.sporeShedBy(id), 0}));
    ps.sort((a, b) -> a[3] != b[3] ? Double.compare(b[3], a[3]) : Double.compare(a[0], b[0]));
    for (double[] e : ps) {
      if (e[5] == 1) {
        continue;
      }
      double gained = 0;
      for (double[] v : ps) {
        double dx = v[1] - e[1];
        double dy = v[2] - e[2];
        if (v != e && v[5] == 0 && e[3] > 1.5 * v[3] && dx * dx + dy * dy < e[4] * e[4]) {
          v[5] = 1;
          gained += v[3];
          playerMeals.add((int) v[0] + "->" + (int) e[0]);
        }
      }
      e[3] = Math.max(e[3], Math.min(e[3] + gained, Worlds.QUIET.maxMass()));
      e[4] = Mass.radiusOf(e[3]);
    }
    ps.sort((a, b) -> a[3] != b[3] ? Double.compare(b[3], a[3]) : Double.compare(a[0], b[0]));
    for (double[] e : ps) {
      for (double[] s : ss) {
        double dx = s[1] - e[1];
        double dy = s[2] - e[2];
        if (e[5] == 0 && s[5] == 0 && s[4] != e[0] && dx * dx + dy * dy < e[4] * e[4]) {
          s[5] = 1;
          sporeMeals.add((int) s[0] + "->" + (int) e[0]);
        }
      }
    }
  }

  private static World randomWorld(Random rnd, long seed) {
    World world = new World(WorldConfig.defaults(), seed);
    for (int i = 0; i < 800; i++) {
      Spot spot = world.findSporeSpot(world.randomSporeRadius());
      if (spot != null) {
        world.addSpore(spot.x(), spot.y(), 5 + rnd.nextDouble() * 45);
      }
    }
    for (int i = 0; i < 200; i++) {
      int id = world.addPlayer("p" + i, i);
      double pick = rnd.nextDouble();
      double radius = pick < 0.03 ? 1000 + rnd.nextDouble() * 5000 : pick < 0.2 ? 100 + rnd.nextDouble() * 600
          : 8 + rnd.nextDouble() * 60;
      world.setPlayerMass(id, Mass.ofRadius(radius));
      if (i % 10 == 0) {
        world.placePlayer(id, rnd.nextBoolean() ? -3000 : 3000, rnd.nextDouble() * 6000 - 3000);
      }
    }
    return world;
  }

  private static double[] randomRect(Random rnd) {
    double x = rnd.nextDouble() * 8000 - 4000;
    double y = rnd.nextDouble() * 8000 - 4000;
    double w = rnd.nextInt(4) == 0 ? rnd.nextDouble() * 9000 : rnd.nextDouble() * 2000;
    double h = rnd.nextDouble() * 1200;
    return new double[] {x, y, x + w, y + h};
  }

  /** A rectangle whose left edge exactly touches a random player's circle. */
  private static double[] touchingRect(World world, Random rnd) {
    int[] ids = playerIds(world);
    int id = ids[rnd.nextInt(ids.length)];
    double left = world.playerX(id) + world.playerRadius(id);
    double y = world.playerY(id);
    return new double[] {left, y - 50, left + rnd.nextDouble() * 500, y + 50};
  }

  private static int[] playerIds(World world) {
    int[] ids = new int[world.playerCount()];
    int[] n = {0};
    world.forEachPlayer(id -> ids[n[0]++] = id);
    return ids;
  }

  private static Set<Integer> queryPlayers(World world, double[] r) {
    Set<Integer> found = new TreeSet<>();
    world.forEachPlayerIn(r[0], r[1], r[2], r[3], id -> assertTrue(found.add(id), "duplicate " + id));
    return found;
  }

  private static Set<Integer> querySpores(World world, double[] r) {
    Set<Integer> found = new TreeSet<>();
    world.forEachSporeIn(r[0], r[1], r[2], r[3], id -> assertTrue(found.add(id), "duplicate " + id));
    return found;
  }

  private static Set<Integer> brutePlayers(World world, double[] r) {
    Set<Integer> found = new TreeSet<>();
    world.forEachPlayer(id -> {
      if (touches(world.playerX(id), world.playerY(id), world.playerRadius(id), r)) {
        found.add(id);
      }
    });
    return found;
  }

  private static Set<Integer> bruteSpores(World world, double[] r) {
    Set<Integer> found = new TreeSet<>();
    world.forEachSpore(id -> {
      if (touches(world.sporeX(id), world.sporeY(id), world.sporeRadius(id), r)) {
        found.add(id);
      }
    });
    return found;
  }

  private static boolean touches(double cx, double cy, double radius, double[] r) {
    double nearestX = Math.max(r[0], Math.min(cx, r[2]));
    double nearestY = Math.max(r[1], Math.min(cy, r[3]));
    double dx = cx - nearestX;
    double dy = cy - nearestY;
    return dx * dx + dy * dy <= radius * radius;
  }

  private static Set<String> pairs(IdPairs list) {
    Set<String> out = new TreeSet<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(list.first(i) + "->" + list.second(i));
    }
    return out;
  }
}
