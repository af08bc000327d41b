package rumble.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RemovePlayerTest {

  @Test
  void aRemovedPlayerVanishesAndTheGameGoesOn() {
    World world = new World(WorldConfig.defaults(), 7);
    int[] ids = new int[20];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = world.addPlayer("p" + i, i);
      world.steer(ids[i], i);
    }
    for (int t = 0; t < 50; t++) {
      world.step();
    }
    int gone = ids[7];
    double x = world.playerX(gone);
    double y = world.playerY(gone);

    assertTrue(world.removePlayer(gone));
    assertFalse(world.removePlayer(gone));
    assertFalse(world.hasPlayer(gone));
    assertFalse(world.steer(gone, 0));
    assertThrows(IllegalArgumentException.class, () -> world.playerX(gone));
    assertEquals(19, world.playerCount());
    world.forEachPlayer(id -> assertTrue(id != gone));
    world.forEachPlayerIn(x - 100, y - 100, x + 100, y + 100, id -> assertTrue(id != gone));

    for (int t = 0; t < 50; t++) {
      world.step();
    }
    assertEquals(19, world.playerCount());
    int newcomer = world.addPlayer("new", 99);
    assertTrue(newcomer > ids[ids.length - 1], "ids are never reused");
    assertEquals(20, world.playerCount());
    assertEquals("new", world.playerName(newcomer));
  }

  @Test
  void removingAnEaterBeforeTheTickSavesItsPrey() {
    World world = Worlds.quiet();
    int eater = Worlds.playerAt(world, 0, 0, 5 * Worlds.START_MASS);
    int prey = Worlds.playerAt(world, 10, 0);
    world.removePlayer(eater);
    world.step();
    assertEquals(0, world.events().playersEaten().size());
    assertEquals(10, world.playerX(prey), 1e-9);
  }
}
