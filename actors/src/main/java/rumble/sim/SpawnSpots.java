package rumble.sim;

import java.util.SplittableRandom;

/**
 * Picks random free points for spores and (re)spawning players. Every search has a bounded number of
 * tries, so it never loops forever (the original doubled its search area and could spin indefinitely).
 * The result of the last search is left in {@link #x} and {@link #y}, so the tick path allocates nothing.
 */
final class SpawnSpots {
  double x;
  double y;

  private final WorldConfig config;
  private final SplittableRandom random;
  private final Players players;
  private final Spores spores;

  SpawnSpots(WorldConfig config, SplittableRandom random, Players players, Spores spores) {
    this.config = config;
    this.random = random;
    this.players = players;
    this.spores = spores;
  }

  /**
   * A point for a spore of this radius, fully inside the world and overlapping no player and no spore
   * (the original's rule). Returns false if none was found within {@code spawnTries} candidates.
   */
  boolean forSpore(double r) {
    for (int attempt = 0; attempt < config.spawnTries(); attempt++) {
      pickInside(r);
      if (!overlapsPlayer(x, y, r) && !spores.overlapsAny(x, y, r)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A point for a start-size player. Accepted when it overlaps no other player and keeps
   * {@code spawnSafetyMargin} extra distance from every player big enough to eat it. If no candidate
   * qualifies, the one violating those distances least is used, so spawning always succeeds.
   */
  void forPlayer(int selfSlot) {
    double r = config.startRadius();
    double margin = config.spawnSafetyMargin();
    double dangerMass = config.eatMassRatio() * config.startMass();
    double bestViolation = Double.POSITIVE_INFINITY;
    double bestX = 0;
    double bestY = 0;
    for (int attempt = 0; attempt < config.spawnTries() && bestViolation > 0; attempt++) {
      pickInside(r);
      double reach = r + margin;
      int n = players.index.collectTouching(x - reach, y - reach, x + reach, y + reach);
      int[] hits = players.index.hits();
      double worst = 0;
      for (int i = 0; i < n; i++) {
        int other = hits[i];
        if (other == selfSlot) {
          continue;
        }
        double keep = r + players.radius[other] + (players.mass[other] > dangerMass ? margin : 0);
        double dx = players.x[other] - x;
        double dy = players.y[other] - y;
        worst = Math.max(worst, keep - Math.sqrt(dx * dx + dy * dy));
      }
      if (worst < bestViolation) {
        bestViolation = worst;
        bestX = x;
        bestY = y;
      }
    }
    x = bestX;
    y = bestY;
  }

  /** True if the circle overlaps any player's circle (touching does not count). */
  boolean overlapsPlayer(double cx, double cy, double r) {
    int n = players.index.collectTouching(cx - r, cy - r, cx + r, cy + r);
    int[] hits = players.index.hits();
    for (int i = 0; i < n; i++) {
      int p = hits[i];
      if (Geometry.covers(cx, cy, r + players.radius[p], players.x[p], players.y[p])) {
        return true;
      }
    }
    return false;
  }

  /** Uniform point whose circle of radius r lies inside the world (the centre if r is too big). */
  private void pickInside(double r) {
    double span = Math.max(0, config.halfSize() - r);
    x = span == 0 ? 0 : random.nextDouble(-span, span);
    y = span == 0 ? 0 : random.nextDouble(-span, span);
  }
}
