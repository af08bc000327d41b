package rumble.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RespawnTest {
  private static final double M = Worlds.START_MASS;

  @Test
  void eatenPlayerComesBackUnderTheSameIdWithItsIdentityAndBestScore() {
    World world = Worlds.quiet();
    int hunter = Worlds.playerAt(world, 0, 0, 10 * M);
    int victim = world.addPlayer("Victim", 0x336699FF);
    world.placePlayer(victim, 30, 0);
    world.setPlayerMass(victim, 3 * M);
    world.steer(victim, 1.0);
    long best = world.bestScore(victim);
    assertEquals(Math.round(3 * M), best);
    int players = world.playerCount();

    world.step();

    assertEquals(victim, world.events().playersEaten().first(0));
    assertTrue(world.hasPlayer(victim));
    assertEquals(players, world.playerCount());
    assertEquals("Victim", world.playerName(victim));
    assertEquals(0x336699FF, world.playerColor(victim));
    assertEquals(20, world.playerRadius(victim), 1e-9);
    assertEquals(1257, world.score(victim));
    assertEquals(best, world.bestScore(victim));
    double away = Math.hypot(world.playerX(victim) - world.playerX(hunter),
        world.playerY(victim) - world.playerY(hunter));
    assertTrue(away >= world.playerRadius(hunter) + 20 + Worlds.QUIET.spawnSafetyMargin(), "away " + away);
    assertEquals(1.0, world.playerDirection(victim), 1e-12, "steering survives respawn");
    assertEquals(150, world.playerSpeed(victim), 1e-9);
  }

  @Test
  void bestScoreTracksTheHighestScoreEverReached() {
    World world = Worlds.quiet();
    int id = Worlds.playerAt(world, 0, 0);
    assertEquals(1257, world.bestScore(id));
    world.setPlayerMass(id, 5000);
    world.setPlayerMass(id, 2000);
    assertEquals(2000, world.score(id));
    assertEquals(5000, world.bestScore(id));
  }

  @Test
  void newPlayersSpawnClearOfOthers() {
    World world = new World(Worlds.QUIET, 9);
    for (int i = 0; i < 300; i++) {
      world.addPlayer("p" + i, i);
    }
    int[] ids = new int[world.playerCount()];
    int[] n = {0};
    world.forEachPlayer(id -> ids[n[0]++] = id);
    for (int a = 0; a < ids.length; a++) {
      for (int b = a + 1; b < ids.length; b++) {
        double d = Math.hypot(world.playerX(ids[a]) - world.playerX(ids[b]),
            world.playerY(ids[a]) - world.playerY(ids[b]));
        assertTrue(d >= 40, "players " + ids[a] + " and " + ids[b] + " overlap");
      }
    }
  }

  @Test
  void respawnFindsTheLastSafeCornersOfACrowdedWorld() {
    WorldConfig small = Worlds.QUIET.withHalfSize(1000);
    for (long seed = 1; seed <= 25; seed++) {
      World world = new World(small, seed);
      int giant = Worlds.playerAt(world, 0, 0, Mass.ofRadius(900));
      int victim = Worlds.playerAt(world, 100, 0);
      world.step();
      assertEquals(victim, world.events().playersEaten().first(0));
      double keep = world.playerRadius(giant) + 20 + small.spawnSafetyMargin();
      double away = Math.hypot(world.playerX(victim), world.playerY(victim));
      // Only ~8% of this world is safe, so blind random tries would often miss it.
      assertTrue(away >= keep, "seed " + seed + ": respawned " + away + " from the giant, needs " + keep);
    }
  }

  @Test
  void respawnStillHappensWhenNoSpotIsSafe() {
    World world = new World(Worlds.QUIET.withHalfSize(500), 3);
    int giant = Worlds.playerAt(world, 0, 0, Mass.ofRadius(900));
    int victim = Worlds.playerAt(world, 100, 0);
    world.step();
    assertEquals(victim, world.events().playersEaten().first(0));
    assertTrue(world.hasPlayer(victim));
    assertEquals(20, world.playerRadius(victim), 1e-9);
    assertTrue(world.hasPlayer(giant));
  }
}
