package rumble.bench;

import com.typesafe.config.ConfigFactory;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import rumble.actors.room.RoomSettings;
import rumble.sim.Spot;
import rumble.sim.ViewRules;
import rumble.sim.World;
import rumble.sim.WorldConfig;

/**
 * Measures {@link World#step()} (not a test). Players steer to random points, picking a new one about
 * every 2 s; a spawner outside the timed region tops the spores back up to the target before every step.
 * Run: {@code mvn -q test-compile && java -cp target/classes:target/test-classes rumble.bench.TickBench}.
 *
 * <p>Scenarios:
 * <ul>
 *   <li>1,000 players + 10,000 spores in the default 6000² world. Bots that never flee plus an endless
 *       food supply soon grow dozens of capped giants that cover the map several times over, so nearly
 *       every player is eaten and respawned every tick (a respawn storm): the worst case for step().
 *   <li>The same load in a 20000² world (about agar.io-clone density), which stays healthy.
 *   <li>400 players + 1,000 spores in the default world.
 * </ul>
 * Each also times every player's view query (players + spores) once, which the network layer will run.
 */
public final class TickBench {
  private static final int RETARGET_TICKS = 40;
  /** The configured view (rumble.game.view.*). */
  private static final RoomSettings VIEW =
      RoomSettings.fromConfig(ConfigFactory.load().getConfig("rumble.game"));
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  public static void main(String[] args) {
    run(3000, 1000, 10_000, 5_000, 3_000);
    run(10_000, 1000, 10_000, 5_000, 3_000);
    run(3000, 400, 1_000, 5_000, 3_000);
  }

  private static void run(double halfSize, int playerCount, int sporeCount, long warmupMillis,
      int measuredSteps) {
    World world = new World(WorldConfig.defaults().withHalfSize(halfSize), 2024);
    SplittableRandom input = new SplittableRandom(7);
    int[] ids = new int[playerCount];
    for (int i = 0; i < playerCount; i++) {
      ids[i] = world.addPlayer("bot" + i, i);
    }
    topUp(world, sporeCount);

    long warmupEnd = System.nanoTime() + warmupMillis * 1_000_000;
    while (System.nanoTime() < warmupEnd) {
      tick(world, ids, input, sporeCount);
    }

    long[] nanos = new long[measuredSteps];
    long eatenPlayers = 0;
    long eatenSpores = 0;
    long allocatedInStep = 0;
    for (int i = 0; i < measuredSteps; i++) {
      drive(world, ids, input);
      topUp(world, sporeCount);
      long allocatedBefore = allocatedBytes();
      long start = System.nanoTime();
      world.step();
      nanos[i] = System.nanoTime() - start;
      allocatedInStep += allocatedBytes() - allocatedBefore;
      eatenPlayers += world.events().playersEaten().size();
      eatenSpores += world.events().sporesEaten().size();
    }

    long[] views = measureViews(world, ids, 200);
    Arrays.sort(nanos);
    double[] extremes = largestRadius(world, ids);
    System.out.printf("step() %d players + %d spores, world %.0fx%<.0f, %d steps: median %.1f us, p90 %.1f,"
        + " p99 %.1f, max %.1f%n", playerCount, sporeCount, 2 * halfSize, measuredSteps, pct(nanos, 50),
        pct(nanos, 90), pct(nanos, 99), nanos[nanos.length - 1] / 1e3);
    System.out.printf("  per step: %.2f players eaten, %.1f spores eaten; radius max %.0f, mean %.1f;"
        + " %d bytes allocated in step() over all %d steps%n", (double) eatenPlayers / measuredSteps,
        (double) eatenSpores / measuredSteps, extremes[0], extremes[1], allocatedInStep, measuredSteps);
    System.out.printf("  all %d players' view queries (players + spores): median %.1f us, p99 %.1f%n",
        playerCount, pct(views, 50), pct(views, 99));
  }

  private static void tick(World world, int[] ids, SplittableRandom input, int sporeCount) {
    drive(world, ids, input);
    topUp(world, sporeCount);
    world.step();
  }

  /** Each bot picks a new random target every RETARGET_TICKS, staggered so they don't all turn at once. */
  private static void drive(World world, int[] ids, SplittableRandom input) {
    double half = world.config().halfSize();
    for (int i = 0; i < ids.length; i++) {
      if ((world.tick() + i) % RETARGET_TICKS == 0) {
        world.steerTowards(ids[i], input.nextDouble(-half, half), input.nextDouble(-half, half));
      }
    }
  }

  private static void topUp(World world, int target) {
    int budget = 2 * target;
    while (world.sporeCount() < target && budget-- > 0) {
      double r = world.randomSporeRadius();
      Spot spot = world.findSporeSpot(r);
      if (spot != null) {
        world.addSpore(spot.x(), spot.y(), r);
      }
    }
  }

  private static long[] measureViews(World world, int[] ids, int rounds) {
    long[] sink = new long[1];
    IntConsumer count = id -> sink[0] += id;
    long[] nanos = new long[rounds];
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      for (int id : ids) {
        double r = world.playerRadius(id);
        double scale = ViewRules.scale(r, world.config().startRadius());
        double w = VIEW.viewWidth() / 2 * scale;
        double h = VIEW.viewHeight() / 2 * scale;
        double x = world.playerX(id);
        double y = world.playerY(id);
        world.forEachPlayerIn(x - w, y - h, x + w, y + h, count);
        world.forEachSporeIn(x - w, y - h, x + w, y + h, count);
      }
      nanos[round] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    if (sink[0] == 42) {
      System.out.println();
    }
    return nanos;
  }

  private static double[] largestRadius(World world, int[] ids) {
    double max = 0;
    double sum = 0;
    for (int id : ids) {
      max = Math.max(max, world.playerRadius(id));
      sum += world.playerRadius(id);
    }
    return new double[] {max, sum / ids.length};
  }

  private static double pct(long[] sorted, int percentile) {
    int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e3;
  }

  private static long allocatedBytes() {
    return THREADS.getCurrentThreadAllocatedBytes();
  }
}
