package rumble.sim;

import java.util.SplittableRandom;

/**
 * Picks random free points for spores and (re)spawning players. Every search has a bounded number of
 * tries, so it never loops forever (the original doubled its search area and could spin indefinitely).
 * The result of the last search is left in {@link #x} and {@link #y}, so the tick path allocates nothing.
 */
final class SpawnSpots {
  /** Uniform tries before building the safe-cell map; in a roomy world the first one nearly always works. */
  private static final int QUICK_TRIES = 3;

  double x;
  double y;

  private final WorldConfig config;
  private final SplittableRandom random;
  private final Players players;
  private final Spores spores;
  private final SafeCells safeCells;
  private boolean safeCellsFresh;
  /** Set when this batch has shown that no safe spot exists, so further searching is wasted work. */
  private boolean hopeless;

  SpawnSpots(WorldConfig config, SplittableRandom random, Players players, Spores spores) {
    this.config = config;
    this.random = random;
    this.players = players;
    this.spores = spores;
    this.safeCells = new SafeCells(config.halfSize());
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

  /** Call before a batch of player spawns: players may have moved since the safe-cell map was built. */
  void forgetSafeCells() {
    safeCellsFresh = false;
    hopeless = false;
  }

  /**
   * A point for a start-size player. It must overlap no other player (so respawns don't pile up in the
   * one free corner of a crowded map) and stay {@code spawnSafetyMargin} further from anyone able to eat
   * it. A few uniform tries come first (enough in a roomy world); after that candidates
   * come from the cells of {@link SafeCells} that no big player fully covers. If none qualifies, the
   * candidate intruding least is used, so spawning always succeeds.
   *
   * <p>When no cell is free, or a full search of the free cells failed (they are only covered by several
   * giants together), the world is saturated and nothing is safe: the rest of the batch takes plain
   * random spots. Without this, a respawn storm in a world full of giants costs milliseconds per tick.
   */
  void forPlayer(int selfSlot) {
    double r = config.startRadius();
    if (hopeless) {
      pickInside(r);
      return;
    }
    double best = Double.POSITIVE_INFINITY;
    double bestX = 0;
    double bestY = 0;
    for (int attempt = 0; attempt < config.spawnTries() && best > 0; attempt++) {
      if (attempt == QUICK_TRIES) {
        refreshSafeCells();
        if (safeCells.freeCount() == 0) {
          break;
        }
      }
      if (attempt < QUICK_TRIES) {
        pickInside(r);
      } else {
        pickInFreeCell(r);
      }
      double intrusion = intrusion(selfSlot, best);
      if (intrusion < best) {
        best = intrusion;
        bestX = x;
        bestY = y;
      }
    }
    hopeless = best > 0;
    x = bestX;
    y = bestY;
  }

  /** True if the circle overlaps any player's circle (touching does not count). */
  boolean overlapsPlayer(double cx, double cy, double r) {
    PlayerIndex index = players.index;
    for (int level = index.levelCount() - 1; level >= 0; level--) {
      int n = index.collectTouching(level, cx - r, cy - r, cx + r, cy + r);
      int[] hits = index.hits();
      for (int i = 0; i < n; i++) {
        int p = hits[i];
        if (Geometry.covers(cx, cy, r + players.radius[p], players.x[p], players.y[p])) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * How deep the candidate at (x, y) cuts into the room it must leave others (0 when clear). Scans the
   * biggest players first and gives up once the result can't beat {@code cutoff}: in a crowded world most
   * candidates are rejected by a giant after a handful of cells.
   */
  private double intrusion(int selfSlot, double cutoff) {
    double r = config.startRadius();
    double margin = config.spawnSafetyMargin();
    double dangerMass = config.eatMassRatio() * config.startMass();
    double reach = r + margin;
    PlayerIndex index = players.index;
    double worst = 0;
    for (int level = index.levelCount() - 1; level >= 0 && worst < cutoff; level--) {
      int n = index.collectTouching(level, x - reach, y - reach, x + reach, y + reach);
      int[] hits = index.hits();
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
    }
    return worst;
  }

  /** Uniform point whose circle of radius r lies inside the world (the centre if r is too big). */
  private void pickInside(double r) {
    double span = Math.max(0, config.halfSize() - r);
    x = span == 0 ? 0 : random.nextDouble(-span, span);
    y = span == 0 ? 0 : random.nextDouble(-span, span);
  }

  private void refreshSafeCells() {
    if (!safeCellsFresh) {
      safeCells.rebuild(players, config.startRadius(), config.spawnSafetyMargin(),
          config.eatMassRatio() * config.startMass());
      safeCellsFresh = true;
    }
  }

  /** Uniform point in a random free cell, kept where a start-size circle fits inside the world. */
  private void pickInFreeCell(double r) {
    int cell = random.nextInt(safeCells.freeCount());
    double limit = Math.max(0, config.halfSize() - r);
    double size = safeCells.cellSize();
    double minX = safeCells.cellMinX(cell);
    double minY = safeCells.cellMinY(cell);
    x = pickBetween(Math.max(-limit, minX), Math.min(limit, minX + size));
    y = pickBetween(Math.max(-limit, minY), Math.min(limit, minY + size));
  }

  private double pickBetween(double from, double to) {
    return from < to ? random.nextDouble(from, to) : from;
  }
}
