package rumble.sim;

/**
 * Every tunable number of the simulation. {@link #defaults()} keeps the original Radius Rumble values where
 * it had one (start radius 20, 150 units/s, 1.5× mass to eat, radius/5000 shedding at 20 Hz) and adds the
 * rules the original lacked (a world border, speed falling with size).
 *
 * @param halfSize the world is the square {@code [-halfSize, halfSize]²}; player centres are clamped into it
 * @param tickHz simulation steps per second; one {@link World#step()} advances {@code 1/tickHz} seconds
 * @param startRadius radius of a new or respawned player (mass {@code π·20² ≈ 1256.6}, score 1257)
 * @param maxRadius players stop growing at this radius; mass eaten beyond it is lost. Without a cap one
 *     player outgrows the world, covers every respawn spot and farms respawns forever (agar.io clones cap
 *     at 1500 on a 14142 map; 1000 keeps a capped player to a third of this 6000 world's width)
 * @param baseSpeed speed in units/s at {@code startRadius}
 * @param speedExponent speed = {@code baseSpeed·(startRadius/r)^speedExponent}: bigger is slower, as in
 *     agar.io clones (≈0.44); the original had a constant speed, which made big players unescapable
 * @param eatMassRatio a player eats another only if its mass is strictly greater than this × the victim's
 * @param sporeTarget how many spores the caller's spawner should keep alive; the world never spawns itself
 * @param sporeRadiusMean mean of the normal distribution {@link World#randomSporeRadius()} draws from
 * @param sporeRadiusSpread its standard deviation
 * @param minSporeRadius lower clamp of random spore radii
 * @param maxSporeRadius largest spore {@link World#addSpore} accepts (and upper clamp of random radii)
 * @param sheddingEnabled whether players drop spores and lose mass over time
 * @param shedMinRadius players at or below this radius never shed
 * @param shedChancePerRadiusPerSecond a player of radius r sheds with probability {@code r·this·dt} per
 *     tick; 0.004 is the original's {@code r/5000} per 50 ms tick, kept per second if tickHz changes
 * @param shedBaseRadius a shed spore has radius {@code min(shedBaseRadius + r/shedRadiusDivisor,
 *     shedMaxRadius)}
 * @param shedRadiusDivisor see shedBaseRadius
 * @param shedMaxRadius see shedBaseRadius
 * @param spawnSafetyMargin extra gap a (re)spawning player keeps from anyone able to eat it, so it is not
 *     eaten on arrival (200 units ≈ 1.3 s at start speed)
 * @param spawnTries random candidate points tried per spawn before settling for the least-bad one
 */
public record WorldConfig(
    double halfSize,
    int tickHz,
    double startRadius,
    double maxRadius,
    double baseSpeed,
    double speedExponent,
    double eatMassRatio,
    int sporeTarget,
    double sporeRadiusMean,
    double sporeRadiusSpread,
    double minSporeRadius,
    double maxSporeRadius,
    boolean sheddingEnabled,
    double shedMinRadius,
    double shedChancePerRadiusPerSecond,
    double shedBaseRadius,
    double shedRadiusDivisor,
    double shedMaxRadius,
    double spawnSafetyMargin,
    int spawnTries) {

  public WorldConfig {
    require(halfSize > 0, "halfSize must be positive");
    require(tickHz > 0, "tickHz must be positive");
    require(startRadius > 0 && startRadius < halfSize, "startRadius must be in (0, halfSize)");
    require(maxRadius >= startRadius, "maxRadius must be at least startRadius");
    require(baseSpeed >= 0 && speedExponent >= 0, "speed settings must not be negative");
    require(eatMassRatio >= 1, "eatMassRatio must be at least 1");
    require(sporeTarget >= 0, "sporeTarget must not be negative");
    require(minSporeRadius > 0 && maxSporeRadius >= minSporeRadius, "bad spore radius bounds");
    require(shedMaxRadius <= maxSporeRadius && shedRadiusDivisor > 0, "bad shed radius settings");
    require(shedChancePerRadiusPerSecond >= 0 && spawnSafetyMargin >= 0, "bad shed or spawn settings");
    require(spawnTries > 0, "spawnTries must be positive");
  }

  public static WorldConfig defaults() {
    return new WorldConfig(3000, 20, 20, 1000, 150, 0.44, 1.5, 1000, 10, 3, 5, 50,
        true, 10, 0.004, 5, 50, 15, 200, 30);
  }

  public WorldConfig withHalfSize(double newHalfSize) {
    return new WorldConfig(newHalfSize, tickHz, startRadius, maxRadius, baseSpeed, speedExponent,
        eatMassRatio, sporeTarget, sporeRadiusMean, sporeRadiusSpread, minSporeRadius, maxSporeRadius,
        sheddingEnabled, shedMinRadius, shedChancePerRadiusPerSecond, shedBaseRadius, shedRadiusDivisor,
        shedMaxRadius, spawnSafetyMargin, spawnTries);
  }

  public WorldConfig withSheddingEnabled(boolean enabled) {
    return new WorldConfig(halfSize, tickHz, startRadius, maxRadius, baseSpeed, speedExponent,
        eatMassRatio, sporeTarget, sporeRadiusMean, sporeRadiusSpread, minSporeRadius, maxSporeRadius,
        enabled, shedMinRadius, shedChancePerRadiusPerSecond, shedBaseRadius, shedRadiusDivisor,
        shedMaxRadius, spawnSafetyMargin, spawnTries);
  }

  /** Seconds per tick. */
  public double dt() {
    return 1.0 / tickHz;
  }

  public double startMass() {
    return Mass.ofRadius(startRadius);
  }

  /** Mass at {@code maxRadius}: growth stops here. */
  public double maxMass() {
    return Mass.ofRadius(maxRadius);
  }

  /**
   * Full speed in units/s of a player of this radius. StrictMath exp/log give the same bits on every
   * platform; JDK 17's StrictMath.pow would too, but it allocates and is 4× slower.
   */
  public double speedAt(double radius) {
    return baseSpeed * StrictMath.exp(speedExponent * StrictMath.log(startRadius / radius));
  }

  /** Radius of the spore a player of this radius sheds. */
  public double shedRadiusFor(double radius) {
    return Math.min(shedBaseRadius + radius / shedRadiusDivisor, shedMaxRadius);
  }

  /** Probability that a player of this radius sheds during one tick. */
  public double shedChancePerTick(double radius) {
    return radius <= shedMinRadius ? 0 : Math.min(1, radius * shedChancePerRadiusPerSecond * dt());
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
