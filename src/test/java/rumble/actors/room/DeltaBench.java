package rumble.actors.room;

import java.util.Arrays;
import java.util.SplittableRandom;
import rumble.sim.Spot;
import rumble.sim.World;
import rumble.sim.WorldConfig;

/**
 * Bench main (not a test): the room's whole tick without actors — world step, per-player chunk
 * encoding and one delta per viewer — at 1,000 players + 10,000 spores, and the delta bytes per
 * player per second in a 400-player room whose players steer like bots (a new nearby target every
 * one to three seconds). Run: {@code bench/delta-bench.sh}.
 */
public final class DeltaBench {

  private DeltaBench() {}

  public static void main(String[] args) {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    run("1000 players, 10000 spores", 1000, 10_000, seconds);
    run("400 players, 1000 spores", 400, 1000, seconds);
    run("100 players, 1000 spores", 100, 1000, seconds);
  }

  private static void run(String label, int playerCount, int sporeCount, int seconds) {
    WorldConfig defaults = WorldConfig.defaults();
    World world = new World(defaults, 7);
    PlayerChunks chunks = new PlayerChunks(world, 1.0);
    DeltaBuilder deltas = new DeltaBuilder(world, chunks, 1280, 720, 100);
    SplittableRandom random = new SplittableRandom(7);
    Viewer[] viewers = new Viewer[playerCount];
    long[] retargetAt = new long[playerCount];
    for (int i = 0; i < playerCount; i++) {
      int id = world.addPlayer("bot" + i, i);
      chunks.add(id, 10_000 + id, "bot" + i);
      viewers[i] = new Viewer(id);
    }
    fillSpores(world, sporeCount);
    int hz = defaults.tickHz();
    int warmupTicks = 5 * hz;
    int measuredTicks = seconds * hz;
    long[] stepNanos = new long[measuredTicks];
    long[] deltaNanos = new long[measuredTicks];
    long bytes = 0;
    for (int t = 0; t < warmupTicks + measuredTicks; t++) {
      for (int i = 0; i < playerCount; i++) {
        if (t >= retargetAt[i]) {
          int id = viewers[i].playerId;
          world.steerTowards(id, world.playerX(id) + random.nextDouble(-500, 500),
              world.playerY(id) + random.nextDouble(-500, 500));
          retargetAt[i] = t + random.nextInt(hz, 3 * hz);
        }
      }
      if (t % 2 == 0 && world.sporeCount() < sporeCount) {
        fillSpores(world, Math.min(sporeCount, world.sporeCount() + 50));
      }
      long start = System.nanoTime();
      world.step();
      long stepped = System.nanoTime();
      long tick = world.events().tick();
      chunks.refresh(tick);
      long tickBytes = 0;
      for (Viewer viewer : viewers) {
        tickBytes += deltas.build(viewer, world.events(), (tick + viewer.playerId) % 5 == 0).length;
      }
      long done = System.nanoTime();
      if (t >= warmupTicks) {
        stepNanos[t - warmupTicks] = stepped - start;
        deltaNanos[t - warmupTicks] = done - stepped;
        bytes += tickBytes;
      }
    }
    System.out.printf("%s: world step %s | chunks + %d deltas %s | per viewer p50 %.2f us"
            + " | delta payload %.0f B/s per player%n",
        label, percentiles(stepNanos), playerCount, percentiles(deltaNanos),
        median(deltaNanos) / 1e3 / playerCount, bytes / (double) playerCount / seconds);
  }

  private static void fillSpores(World world, int target) {
    while (world.sporeCount() < target) {
      double radius = world.randomSporeRadius();
      Spot spot = world.findSporeSpot(radius);
      if (world.addSpore(spot.x(), spot.y(), radius) < 0) {
        return;
      }
    }
  }

  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String percentiles(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format("p50 %.3f ms, p99 %.3f ms, max %.3f ms", sorted[sorted.length / 2] / 1e6,
        sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
  }
}
