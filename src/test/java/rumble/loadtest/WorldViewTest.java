package rumble.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rumble.protocol.EatenEvent;
import rumble.protocol.JoinedRoomMessage;
import rumble.protocol.PlayerDelta;
import rumble.protocol.SporeDelta;
import rumble.protocol.WorldDeltaMessage;

class WorldViewTest {

  static final JoinedRoomMessage JOINED = JoinedRoomMessage.newBuilder().setPlayerId(7).setRoomId(1)
      .setWorldHalfSize(3000).setTickHz(20).setPositionScale(10).setHeadingSteps(4096).build();

  static PlayerDelta player(long id, double x, double y, double radius, double headingTurns, double speed) {
    return PlayerDelta.newBuilder().setId(id).setX((int) (x * 10)).setY((int) (y * 10)).setRadius((int) (radius * 10))
        .setHeading((int) (headingTurns * 4096)).setSpeed((int) (speed * 10)).setName("p" + id).setColor(1).build();
  }

  @Test
  void appliesKeyframesDeltasAndPredictsMotion() {
    WorldView view = new WorldView(JOINED);
    view.apply(WorldDeltaMessage.newBuilder().setSeq(1).setTick(100).setKeyframe(true)
        .addPlayers(player(7, 0, 0, 20, 0, 100))
        .addPlayers(player(8, 500, 0, 20, 0.5, 0))
        .addSpores(SporeDelta.newBuilder().setId(1).setX(1000).setY(0).setRadius(50))
        .addSpores(SporeDelta.newBuilder().setId(2).setX(-10000).setY(0).setRadius(50)).build());
    assertTrue(view.selfHeadingUpdated);
    assertEquals(0.0, view.selfHeading, 1e-9);
    assertEquals(2, view.players.size());
    assertEquals(2, view.spores.size());
    // 10 ticks later, only an id for me: I moved 100 * 10 / 20 = 50 units along x.
    view.apply(WorldDeltaMessage.newBuilder().setSeq(2).setTick(110).addPlayers(PlayerDelta.newBuilder().setId(7))
        .addPlayersLeft(8).addSporesLeft(2).addEaten(EatenEvent.newBuilder().setVictimId(7).setEaterId(9)).build());
    assertFalse(view.selfHeadingUpdated);
    assertEquals(50.0, view.predictedX(view.self()), 1e-9);
    assertEquals(1, view.players.size());
    assertEquals(1, view.spores.size());
    assertEquals(1, view.timesEaten);
    // the nearest spore is straight ahead (+x)
    assertEquals(0.0, view.decide(new SplittableRandom(1)), 1e-9);
    view.apply(WorldDeltaMessage.newBuilder().setSeq(3).setTick(111).setKeyframe(true)
        .addPlayers(player(7, 0, 0, 20, 0.25, 100)).build());
    assertEquals(1, view.players.size());
    assertEquals(0, view.spores.size());
    assertEquals(Math.PI / 2, view.selfHeading, view.headingStep());
  }

  @Test
  void fleesBiggerPlayersAndChasesSmallerOnes() {
    WorldView view = new WorldView(JOINED);
    view.apply(WorldDeltaMessage.newBuilder().setSeq(1).setTick(1).setKeyframe(true)
        .addPlayers(player(7, 0, 0, 20, 0, 0))
        .addPlayers(player(8, 100, 0, 60, 0, 0)).build()); // big one to the east
    double flee = view.decide(new SplittableRandom(1));
    assertEquals(Math.PI, Math.abs(flee), 1e-6, "runs west");
    WorldView hunter = new WorldView(JOINED);
    hunter.apply(WorldDeltaMessage.newBuilder().setSeq(1).setTick(1).setKeyframe(true)
        .addPlayers(player(7, 0, 0, 60, 0, 0))
        .addPlayers(player(8, 0, 100, 20, 0, 0)).build()); // small one to the south (y down)
    int chased = 0;
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 100; i++) {
      double d = hunter.decide(random);
      if (Math.abs(d - Math.PI / 2) < 1e-6) {
        chased++;
      }
    }
    assertTrue(chased > 70, "chases most of the time, was " + chased);
  }

  @Test
  void wanderersTurnAwayFromTheBorder() {
    WorldView view = new WorldView(JOINED);
    view.apply(WorldDeltaMessage.newBuilder().setSeq(1).setTick(1).setKeyframe(true)
        .addPlayers(player(7, 2995, 0, 20, 0, 0)).build());
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 50; i++) {
      assertTrue(Math.cos(view.decide(random)) <= 0, "never further east at the east border");
    }
  }

  @Test
  void sporeTableMatchesAMap() {
    SporeTable table = new SporeTable();
    Map<Integer, float[]> reference = new HashMap<>();
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      int id = random.nextInt(500);
      if (random.nextBoolean()) {
        float x = random.nextFloat() * 100;
        table.put(id, x, -x, 1);
        reference.put(id, new float[] {x, -x});
      } else {
        assertEquals(reference.remove(id) != null, table.remove(id));
      }
      assertEquals(reference.size(), table.size());
    }
    for (Map.Entry<Integer, float[]> e : reference.entrySet()) {
      assertTrue(table.contains(e.getKey()));
    }
    int nearest = table.nearest(50, -50);
    double best = reference.values().stream().mapToDouble(p -> Math.hypot(p[0] - 50, p[1] + 50)).min().orElseThrow();
    assertEquals(best, Math.hypot(table.x(nearest) - 50, table.y(nearest) + 50), 1e-4);
    table.clear();
    assertEquals(0, table.size());
    assertEquals(-1, table.nearest(0, 0));
  }

  @Test
  void angles() {
    assertEquals(0.0, WorldView.angleBetween(0.1, 0.1 + 2 * Math.PI), 1e-9);
    assertEquals(Math.PI, WorldView.angleBetween(0, Math.PI), 1e-9);
    assertEquals(0.2, WorldView.angleBetween(-0.1, 0.1), 1e-9);
  }
}
