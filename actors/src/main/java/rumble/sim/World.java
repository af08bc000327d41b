package rumble.sim;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * The authoritative Radius Rumble world: plain Java, single-threaded, steppable one tick at a time and
 * deterministic: the same seed and the same calls give bit-identical state (all randomness comes from one
 * {@link SplittableRandom}; transcendental maths uses StrictMath). The owner calls {@link #step()}
 * {@code tickHz} times a second and reads {@link #events()} after each step.
 *
 * <p>Rules (numbers are the {@link WorldConfig#defaults()}):
 * <ul>
 *   <li>World: the square {@code [-3000, 3000]²}, y pointing down. Player centres are clamped inside it;
 *       spores lie fully inside it.
 *   <li>Size: mass = {@code π·r²}; eating adds masses; score = {@code round(mass)} (1257 at the start
 *       radius 20); {@code bestScore} = highest score the player id ever had, kept across respawns.
 *       Growth stops at radius 1000 (mass beyond it is lost).
 *   <li>Speed: {@code 150·(20/r)^0.44} units/s: 150 at the start, ~27 at radius 1000.
 *   <li>Steering: new players stand still. {@link #steer} sets a heading followed at full speed forever
 *       (the original's PlayerDirection); {@link #steerTowards} runs at full speed to a point (clamped to
 *       the border), never overshooting, and stops there. Steering survives respawn.
 *   <li>Step order: move all; players eat players; players eat spores; eaten players respawn; players
 *       shed. Both eating phases go biggest player first (ties: lower id).
 *   <li>Eating a player: eater mass strictly greater than 1.5 × victim mass and victim centre strictly
 *       inside the eater's circle. The eater gains exactly the victim's mass. A player eaten this tick
 *       neither eats nor sheds again this tick, and respawned players can't be eaten until the next tick.
 *   <li>Eating a spore: the spore's centre strictly inside the player's circle. It goes to the biggest
 *       such player (no double credit), who gains exactly its mass. Nobody can eat a spore they shed.
 *   <li>Shedding (the original's decay): each tick a player with r &gt; 10 drops, with probability
 *       {@code r/5000} (at 20 Hz), a spore of radius {@code min(5 + r/50, 15)} and loses exactly its mass.
 *       The spore appears just outside the player's circle, behind its heading; shed spores count toward
 *       the spore population.
 *   <li>Respawn: an eaten player comes back in the same tick under the same id (name, colour, best score
 *       and steering kept) at radius 20, at a random spot that overlaps no other player and is at least
 *       200 units clear of anyone able to eat it; new players are placed the same way. If the world is
 *       so full that no such spot exists, the least-bad of the candidates tried is used, and once a step
 *       has shown that, its remaining respawns take plain random spots.
 *   <li>Spores: the world never spawns them on its own. The caller keeps {@link #sporeCount()} near
 *       {@code sporeTarget} with {@link #spawnSpores} (sizes from {@link #randomSporeRadius()},
 *       {@code max(N(10, 3), 5)}, at spots from {@link #findSporeSpot}: no overlap with players or
 *       spores), or places them itself with {@link #addSpore}.
 *   <li>Ids: players and spores have separate id spaces, each counting up from 1 (0 is never an id).
 *       A player id is never reused while the world lives; a spore id not until 2³¹ spores later.
 *   <li>Views: see {@link ViewRules}; {@link #forEachPlayerIn} and {@link #forEachSporeIn} return entities
 *       whose circle touches the rectangle, from grids kept up to date on every change.
 * </ul>
 *
 * <p>Per-id accessors throw {@link IllegalArgumentException} for ids that are not alive; check with
 * {@link #hasPlayer} / {@link #hasSpore}. Don't change the world from inside a {@code forEach} callback.
 */
public final class World {
  private final WorldConfig config;
  private final SplittableRandom random;
  private final Players players;
  private final Spores spores;
  private final SpawnSpots spots;
  private final Feeding feeding;
  private final Shedding shedding;
  private final TickEvents events = new TickEvents();
  private long tick;

  public World(WorldConfig config, long seed) {
    this.config = Objects.requireNonNull(config);
    this.random = new SplittableRandom(seed);
    this.players = new Players(config, 64);
    this.spores = new Spores(config.halfSize(), Math.max(64, config.sporeTarget() * 2));
    this.spots = new SpawnSpots(config, random, players, spores);
    this.feeding = new Feeding(config, players, spores, events);
    this.shedding = new Shedding(config, random, players, spores, events);
  }

  public WorldConfig config() {
    return config;
  }

  /** Steps taken so far. */
  public long tick() {
    return tick;
  }

  /** Advances the world by {@code 1/tickHz} seconds. */
  public void step() {
    tick++;
    events.reset(tick);
    Movement.advance(players, config.dt());
    players.sortBySize();
    feeding.eatPlayers(tick);
    if (events.playersEaten().size() > 0) {
      players.sortBySize();
    }
    feeding.eatSpores(tick);
    respawnEaten();
    if (config.sheddingEnabled()) {
      shedding.shed(tick);
    }
  }

  /** What the last step did; reused, so read it before the next step. */
  public TickEvents events() {
    return events;
  }

  // ---- players ----

  /** Adds an idle player of start size at a random spot clear of other players; returns its new id. */
  public int addPlayer(String name, int color) {
    Objects.requireNonNull(name, "name");
    int slot = players.add(name, color, 0, 0);
    spots.forgetSafeCells();
    spots.forPlayer(slot);
    players.place(slot, spots.x, spots.y);
    return players.id[slot];
  }

  /** Removes the player; false if the id is not alive. Spores it shed stay. */
  public boolean removePlayer(int id) {
    int slot = players.slotOf(id);
    if (slot < 0) {
      return false;
    }
    players.remove(slot);
    return true;
  }

  public boolean hasPlayer(int id) {
    return players.slotOf(id) >= 0;
  }

  public int playerCount() {
    return players.count;
  }

  /** Heading in radians, {@code atan2(y, x)} with y down. False for unknown ids or non-finite input. */
  public boolean steer(int id, double directionRadians) {
    int slot = players.slotOf(id);
    if (slot < 0 || !Double.isFinite(directionRadians)) {
      return false;
    }
    Movement.steerHeading(players, slot, directionRadians);
    return true;
  }

  /** Runs to the point (clamped to the border) and stops. False for unknown ids or non-finite input. */
  public boolean steerTowards(int id, double x, double y) {
    int slot = players.slotOf(id);
    if (slot < 0 || !Double.isFinite(x) || !Double.isFinite(y)) {
      return false;
    }
    Movement.steerTarget(players, slot, x, y, config.halfSize());
    return true;
  }

  public double playerX(int id) {
    return players.x[playerSlot(id)];
  }

  public double playerY(int id) {
    return players.y[playerSlot(id)];
  }

  public double playerRadius(int id) {
    return players.radius[playerSlot(id)];
  }

  public double playerMass(int id) {
    return players.mass[playerSlot(id)];
  }

  public long score(int id) {
    return Mass.score(players.mass[playerSlot(id)]);
  }

  public long bestScore(int id) {
    return players.bestScore[playerSlot(id)];
  }

  public String playerName(int id) {
    return players.name[playerSlot(id)];
  }

  public int playerColor(int id) {
    return players.color[playerSlot(id)];
  }

  /** Current heading in radians (0 before the first steer); meaningful for client-side prediction. */
  public double playerDirection(int id) {
    int slot = playerSlot(id);
    return Math.atan2(players.headingY[slot], players.headingX[slot]);
  }

  /** Units/s the player is moving at now: 0 when idle or arrived, else the full speed for its size. */
  public double playerSpeed(int id) {
    int slot = playerSlot(id);
    return players.moving[slot] ? players.speed[slot] : 0;
  }

  /** Ids of all live players, in the order the last step resolved them (roughly biggest first). */
  public void forEachPlayer(IntConsumer action) {
    for (int i = 0; i < players.count; i++) {
      action.accept(players.id[players.order[i]]);
    }
  }

  /** Ids of players whose circle touches the rectangle (edges included); allocation free. */
  public void forEachPlayerIn(double minX, double minY, double maxX, double maxY, IntConsumer action) {
    players.index.forEachTouching(minX, minY, maxX, maxY, action);
  }

  // ---- spores ----

  /**
   * Adds a spore; returns its id, or -1 if the radius is outside {@code (0, maxSporeRadius]}, the circle
   * is not fully inside the world, or it overlaps a player (touching is allowed).
   */
  public int addSpore(double x, double y, double radius) {
    double limit = config.halfSize() - radius;
    boolean inside = Math.abs(x) <= limit && Math.abs(y) <= limit;
    boolean sizeOk = radius > 0 && radius <= config.maxSporeRadius();
    if (!sizeOk || !inside || spots.overlapsPlayer(x, y, radius)) {
      return -1;
    }
    int slot = spores.add(x, y, radius, 0); // may grow the arrays: read spores.id only after it
    return spores.id[slot];
  }

  /**
   * Adds up to {@code count} spores of random size at free spots, never beyond the configured
   * target; returns how many were added (fewer where no free spot was found).
   */
  public int spawnSpores(int count) {
    int missing = Math.min(count, config.sporeTarget() - sporeCount());
    int added = 0;
    for (int i = 0; i < missing; i++) {
      double radius = randomSporeRadius();
      Spot spot = findSporeSpot(radius);
      if (spot != null && addSpore(spot.x(), spot.y(), radius) >= 0) {
        added++;
      }
    }
    return added;
  }

  public boolean removeSpore(int id) {
    int slot = spores.slotOf(id);
    if (slot < 0) {
      return false;
    }
    spores.remove(slot);
    return true;
  }

  public boolean hasSpore(int id) {
    return spores.slotOf(id) >= 0;
  }

  public int sporeCount() {
    return spores.count();
  }

  public double sporeX(int id) {
    return spores.x[sporeSlot(id)];
  }

  public double sporeY(int id) {
    return spores.y[sporeSlot(id)];
  }

  public double sporeRadius(int id) {
    return spores.radius[sporeSlot(id)];
  }

  /** Id of the player that shed the spore, 0 if it was added by {@link #addSpore}. */
  public int sporeShedBy(int id) {
    return spores.shedBy[sporeSlot(id)];
  }

  /**
   * {@code max(N(mean 10, sd 3), 5)} from the world's random source, capped at {@code maxSporeRadius}.
   * Box–Muller with StrictMath rather than {@code nextGaussian()}, whose algorithm may differ between
   * JDKs, so a seed gives the same spores everywhere.
   */
  public double randomSporeRadius() {
    double length = StrictMath.sqrt(-2 * StrictMath.log(1 - random.nextDouble()));
    double normal = length * StrictMath.cos(2 * Math.PI * random.nextDouble());
    double r = config.sporeRadiusMean() + normal * config.sporeRadiusSpread();
    return Math.min(Math.max(r, config.minSporeRadius()), config.maxSporeRadius());
  }

  /**
   * A random point where a spore of this radius fits inside the world without overlapping any player or
   * spore, or null if {@code spawnTries} random candidates all failed (the world is crowded; try later).
   *
   * @throws IllegalArgumentException if the radius is not in {@code (0, maxSporeRadius]}
   */
  public Spot findSporeSpot(double radius) {
    if (!(radius > 0 && radius <= config.maxSporeRadius())) {
      throw new IllegalArgumentException("bad spore radius " + radius);
    }
    return spots.forSpore(radius) ? new Spot(spots.x, spots.y) : null;
  }

  /** Ids of all live spores. */
  public void forEachSpore(IntConsumer action) {
    spores.forEach(action);
  }

  /** Ids of spores whose circle touches the rectangle (edges included); allocation free. */
  public void forEachSporeIn(double minX, double minY, double maxX, double maxY, IntConsumer action) {
    spores.forEachTouching(minX, minY, maxX, maxY, action);
  }

  // ---- hooks for tests and admin tools (package-private) ----

  void placePlayer(int id, double x, double y) {
    players.place(playerSlot(id), x, y);
  }

  void setPlayerMass(int id, double mass) {
    players.setMass(playerSlot(id), mass);
  }

  // ---- internals ----

  private void respawnEaten() {
    IdPairs eaten = events.playersEaten();
    spots.forgetSafeCells();
    for (int i = 0; i < eaten.size(); i++) {
      int slot = players.slotOf(eaten.first(i));
      players.setMass(slot, config.startMass());
      spots.forPlayer(slot);
      players.place(slot, spots.x, spots.y);
      if (players.mode[slot] == Players.TARGET) {
        Movement.steerTarget(players, slot, players.targetX[slot], players.targetY[slot], config.halfSize());
      }
    }
  }

  private int playerSlot(int id) {
    int slot = players.slotOf(id);
    if (slot < 0) {
      throw new IllegalArgumentException("no live player " + id);
    }
    return slot;
  }

  private int sporeSlot(int id) {
    int slot = spores.slotOf(id);
    if (slot < 0) {
      throw new IllegalArgumentException("no live spore " + id);
    }
    return slot;
  }
}
