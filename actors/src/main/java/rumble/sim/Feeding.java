package rumble.sim;

/**
 * The two eating rules, resolved biggest player first (ties: lower id) so every outcome is well defined:
 * <ul>
 *   <li>Players: the eater's mass must be strictly greater than {@code eatMassRatio} × the victim's and
 *       the victim's centre strictly inside the eater's circle. A player eaten this tick is skipped, so it
 *       can't eat or be eaten twice; the eater's gains are added after its turn.
 *   <li>Spores: eaten when the player's circle strictly covers the spore's centre. The first (biggest)
 *       player to reach it takes it and it is gone, so a spore is never credited twice. A player never
 *       eats a spore it shed itself.
 * </ul>
 * Eaters gain exactly the eaten mass, up to {@link WorldConfig#maxMass()}; anything beyond is lost.
 */
final class Feeding {
  private final WorldConfig config;
  private final Players players;
  private final Spores spores;
  private final TickEvents events;

  Feeding(WorldConfig config, Players players, Spores spores, TickEvents events) {
    this.config = config;
    this.players = players;
    this.spores = spores;
    this.events = events;
  }

  /** Players eat players; {@code players.order} must be sorted biggest first. */
  void eatPlayers(long tick) {
    Players p = players;
    double ratio = config.eatMassRatio();
    for (int i = 0; i < p.count; i++) {
      int eater = p.order[i];
      if (p.eatenInTick[eater] == tick) {
        continue;
      }
      double ex = p.x[eater];
      double ey = p.y[eater];
      double reach = p.radius[eater];
      double eaterMass = p.mass[eater];
      int maxLevel = p.index.levelFor(reach);
      int n = p.index.collectCentres(ex - reach, ey - reach, ex + reach, ey + reach, maxLevel);
      int[] hits = p.index.hits();
      double gained = 0;
      for (int h = 0; h < n; h++) {
        int victim = hits[h];
        if (victim == eater || p.eatenInTick[victim] == tick || !(eaterMass > ratio * p.mass[victim])) {
          continue;
        }
        if (Geometry.covers(ex, ey, reach, p.x[victim], p.y[victim])) {
          p.eatenInTick[victim] = tick;
          gained += p.mass[victim];
          events.playersEaten().add(p.id[victim], p.id[eater]);
        }
      }
      if (gained > 0) {
        p.setMass(eater, grown(eaterMass, gained));
      }
    }
  }

  /** Players eat spores; {@code players.order} must be sorted biggest first. */
  void eatSpores(long tick) {
    Players p = players;
    Spores s = spores;
    for (int i = 0; i < p.count; i++) {
      int eater = p.order[i];
      if (p.eatenInTick[eater] == tick) {
        continue;
      }
      double ex = p.x[eater];
      double ey = p.y[eater];
      double reach = p.radius[eater];
      int eaterId = p.id[eater];
      int n = s.collectCentres(ex - reach, ey - reach, ex + reach, ey + reach);
      int[] hits = s.hits();
      double gained = 0;
      for (int h = 0; h < n; h++) {
        int spore = hits[h];
        if (s.shedBy[spore] != eaterId && Geometry.covers(ex, ey, reach, s.x[spore], s.y[spore])) {
          gained += Mass.ofRadius(s.radius[spore]);
          events.sporesEaten().add(s.id[spore], eaterId);
          s.remove(spore);
        }
      }
      if (gained > 0) {
        p.setMass(eater, grown(p.mass[eater], gained));
      }
    }
  }

  /** Mass after a meal: capped at maxMass, but a player already above it (admin hook) doesn't shrink. */
  private double grown(double mass, double gained) {
    return Math.max(mass, Math.min(mass + gained, config.maxMass()));
  }
}
