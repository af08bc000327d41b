package rumble.actors.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rumble.protocol.Packet;
import rumble.protocol.PlayerDelta;
import rumble.protocol.WorldDeltaMessage;
import rumble.sim.ViewRules;
import rumble.sim.World;
import rumble.sim.WorldConfig;

/**
 * Replays random worlds tick by tick and checks, against brute force, what each viewer's client would
 * believe after applying the encoded deltas with the generated protobuf parser.
 */
class DeltaBuilderTest {

  private static final double VIEW_W = 600;
  private static final double VIEW_H = 400;
  private static final double MARGIN = 50;
  private static final double THRESHOLD = 1.0;

  /** A client's belief about one other player: its last motion update, extrapolated. */
  private record Known(double x, double y, double heading, double speed, long tick) {
    double xAt(long now, int hz) {
      return x + Math.cos(heading) * speed * (now - tick) / hz;
    }

    double yAt(long now, int hz) {
      return y + Math.sin(heading) * speed * (now - tick) / hz;
    }
  }

  private static final class Client {
    final Map<Long, Known> players = new HashMap<>();
    final Set<Integer> spores = new HashSet<>();
    int seq;
  }

  @Test
  void clientsSeeExactlyWhatIsInViewAndPredictPositionsWithinTheThreshold() throws Exception {
    for (long seed = 1; seed <= 3; seed++) {
      replay(seed);
    }
  }

  private void replay(long seed) throws Exception {
    WorldConfig config = WorldConfig.defaults().withHalfSize(800);
    World world = new World(config, seed);
    PlayerChunks chunks = new PlayerChunks(world, THRESHOLD);
    DeltaBuilder builder = new DeltaBuilder(world, chunks, VIEW_W, VIEW_H, MARGIN);
    SplittableRandom random = new SplittableRandom(seed);
    Map<Integer, Viewer> viewers = new HashMap<>();
    Map<Integer, Client> clients = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      int id = world.addPlayer("p" + i, i);
      chunks.add(id, 1000 + id, "p" + i);
      viewers.put(id, new Viewer(id));
      clients.put(id, new Client());
    }
    for (int i = 0; i < 300; i++) {
      double r = world.randomSporeRadius();
      var spot = world.findSporeSpot(r);
      world.addSpore(spot.x(), spot.y(), r);
    }
    int hz = config.tickHz();
    for (int tick = 0; tick < 200; tick++) {
      for (int id : viewers.keySet()) {
        if (random.nextInt(10) == 0) {
          world.steerTowards(id, random.nextDouble(-800, 800), random.nextDouble(-800, 800));
        } else if (random.nextInt(15) == 0) {
          world.steer(id, random.nextDouble(-Math.PI, Math.PI));
        }
      }
      world.step();
      long now = world.events().tick();
      chunks.refresh(now);
      for (Viewer viewer : viewers.values()) {
        byte[] bytes = builder.build(viewer, world.events(), (now + viewer.playerId) % 5 == 0);
        Client client = clients.get(viewer.playerId);
        apply(client, Packet.parseFrom(bytes).getWorldDelta(), now);
        check(world, viewer.playerId, client, now, hz, (now + viewer.playerId) % 5 == 0);
      }
    }
  }

  private static void apply(Client client, WorldDeltaMessage delta, long now) {
    assertEquals(client.seq + 1, delta.getSeq());
    client.seq = delta.getSeq();
    if (delta.getKeyframe()) {
      client.players.clear();
      client.spores.clear();
    }
    for (PlayerDelta p : delta.getPlayersList()) {
      if (p.hasX()) {
        client.players.put(p.getId(), new Known(p.getX() / 10.0, p.getY() / 10.0,
            p.getHeading() * 2 * Math.PI / Quantized.HEADING_STEPS, p.getSpeed() / 10.0, now));
      } else {
        assertTrue(client.players.containsKey(p.getId()), "an update for a player the client never saw");
      }
    }
    delta.getPlayersLeftList().forEach(client.players::remove);
    delta.getSporesList().forEach(s -> assertTrue(client.spores.add(s.getId()), "spore sent twice"));
    delta.getSporesLeftList().forEach(id -> assertTrue(client.spores.remove(id), "unknown spore left"));
  }

  private static void check(World world, int viewerId, Client client, long now, int hz, boolean sporesFresh) {
    double scale = ViewRules.scale(world.playerRadius(viewerId), world.config().startRadius());
    double minX = world.playerX(viewerId) - VIEW_W / 2 * scale;
    double maxX = world.playerX(viewerId) + VIEW_W / 2 * scale;
    double minY = world.playerY(viewerId) - VIEW_H / 2 * scale;
    double maxY = world.playerY(viewerId) + VIEW_H / 2 * scale;
    assertTrue(client.players.containsKey(1000L + viewerId), "own player always known");
    world.forEachPlayer(id -> {
      double x = world.playerX(id);
      double y = world.playerY(id);
      double r = world.playerRadius(id);
      boolean inView = touches(x, y, r, minX, minY, maxX, maxY, 0);
      boolean nearView = touches(x, y, r, minX, minY, maxX, maxY, MARGIN);
      Known known = client.players.get(1000L + id);
      if (inView) {
        assertTrue(known != null, "player in view is unknown to the client");
      }
      if (!nearView && id != viewerId) {
        assertTrue(known == null, "player far out of view is still known");
      }
      if (known != null) {
        double error = Math.hypot(known.xAt(now, hz) - x, known.yAt(now, hz) - y);
        assertTrue(error <= 2 * THRESHOLD + 0.2, "prediction off by " + error);
      }
    });
    if (sporesFresh) {
      world.forEachSpore(id -> {
        boolean inView = touches(world.sporeX(id), world.sporeY(id), world.sporeRadius(id), minX, minY, maxX, maxY, 0);
        boolean nearView =
            touches(world.sporeX(id), world.sporeY(id), world.sporeRadius(id), minX, minY, maxX, maxY, MARGIN);
        if (inView) {
          assertTrue(client.spores.contains(id), "spore in view is unknown");
        }
        if (!nearView) {
          assertTrue(!client.spores.contains(id), "spore far out of view is still known");
        }
      });
      client.spores.forEach(id -> assertTrue(world.hasSpore(id), "client knows an eaten spore"));
    }
  }

  private static boolean touches(double x, double y, double r, double minX, double minY, double maxX,
      double maxY, double margin) {
    return x + r >= minX - margin && x - r <= maxX + margin && y + r >= minY - margin && y - r <= maxY + margin;
  }
}
