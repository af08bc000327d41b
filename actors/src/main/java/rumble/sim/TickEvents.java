package rumble.sim;

/**
 * What happened during the last {@link World#step()}, for the network layer to broadcast. Cleared at the
 * start of every step and reused, so read it before stepping again. Pairs appear in the order the rules
 * resolved them.
 *
 * <p>Every eaten player has already respawned (same id) by the end of the step; read its new position from
 * the world. Shedding is the only way {@code step()} adds spores, so {@link #sporesShed()} lists every
 * spore the step created; spores the caller adds with {@link World#addSpore} are not recorded here.
 */
public final class TickEvents {
  private final IdPairs sporesEaten = new IdPairs();
  private final IdPairs playersEaten = new IdPairs();
  private final IdPairs sporesShed = new IdPairs();
  private long tick;

  TickEvents() {}

  /** Number of the step these events belong to (the first step is 1). */
  public long tick() {
    return tick;
  }

  /** (spore id, eater player id). */
  public IdPairs sporesEaten() {
    return sporesEaten;
  }

  /** (victim player id, eater player id). */
  public IdPairs playersEaten() {
    return playersEaten;
  }

  /** (new spore id, shedder player id). */
  public IdPairs sporesShed() {
    return sporesShed;
  }

  void reset(long newTick) {
    tick = newTick;
    sporesEaten.clear();
    playersEaten.clear();
    sporesShed.clear();
  }
}
