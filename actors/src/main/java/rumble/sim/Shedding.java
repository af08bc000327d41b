package rumble.sim;

import java.util.SplittableRandom;

/**
 * Mass decay as in the original: each tick a player of radius r > {@code shedMinRadius} sheds with
 * probability {@link WorldConfig#shedChancePerTick}, dropping a spore of radius
 * {@link WorldConfig#shedRadiusFor} and losing exactly its mass.
 *
 * <p>The original dropped the spore at the player's centre and only briefly forbade re-eating it, so a
 * player could farm its own drops. Here the spore appears just outside the player's circle, directly
 * behind its heading (moved inside the border if needed), and the shedder can never eat it; anyone else
 * can. Players eaten this tick don't shed.
 */
final class Shedding {
  /** Gap between the player's edge and the shed spore's edge, so they visibly don't overlap. */
  private static final double GAP = 1;

  private final WorldConfig config;
  private final SplittableRandom random;
  private final Players players;
  private final Spores spores;
  private final TickEvents events;

  Shedding(WorldConfig config, SplittableRandom random, Players players, Spores spores, TickEvents events) {
    this.config = config;
    this.random = random;
    this.players = players;
    this.spores = spores;
    this.events = events;
  }

  void shed(long tick) {
    Players p = players;
    double half = config.halfSize();
    for (int i = 0; i < p.count; i++) {
      int slot = p.order[i];
      double r = p.radius[slot];
      if (r <= config.shedMinRadius() || p.eatenInTick[slot] == tick) {
        continue;
      }
      if (random.nextDouble() >= config.shedChancePerTick(r)) {
        continue;
      }
      double sporeRadius = config.shedRadiusFor(r);
      double sporeMass = Mass.ofRadius(sporeRadius);
      if (sporeMass >= p.mass[slot]) {
        continue;
      }
      double behind = r + sporeRadius + GAP;
      double limit = half - sporeRadius;
      double sx = clamp(p.x[slot] - p.headingX[slot] * behind, limit);
      double sy = clamp(p.y[slot] - p.headingY[slot] * behind, limit);
      int sporeSlot = spores.add(sx, sy, sporeRadius, p.id[slot]);
      p.setMass(slot, p.mass[slot] - sporeMass);
      events.sporesShed().add(spores.id[sporeSlot], p.id[slot]);
    }
  }

  private static double clamp(double value, double limit) {
    return Math.max(-limit, Math.min(limit, value));
  }
}
