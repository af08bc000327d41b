package rumble.loadtest;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import rumble.protocol.EatenEvent;
import rumble.protocol.JoinedRoomMessage;
import rumble.protocol.PlayerDelta;
import rumble.protocol.SporeDelta;
import rumble.protocol.WorldDeltaMessage;

/**
 * One bot's picture of its room, rebuilt from WorldDelta messages exactly as a game client would
 * (keyframes replace everything; players and spores are tracked by id; positions are predicted
 * between updates from heading and speed), and the bot's small brain on top of it: flee bigger
 * players that come close, chase smaller ones, otherwise head for the nearest spore, else wander.
 */
final class WorldView {

  static final double TWO_PI = Math.PI * 2;

  /** A player is a threat or prey when one radius exceeds the other by this factor. */
  private static final double SIZE_MARGIN = 1.15;

  static final class PlayerState {
    double x;
    double y;
    double radius;
    double heading;
    double speed;
    long tick;
  }

  final long selfId;
  final double scale;
  final int headingSteps;
  final double tickHz;
  final double halfSize;
  final Map<Long, PlayerState> players = new HashMap<>();
  final SporeTable spores = new SporeTable();

  long tick;
  /** Set by {@link #apply} when this delta carried the own player's heading. */
  boolean selfHeadingUpdated;
  double selfHeading = Double.NaN;
  int timesEaten;
  int keyframes;

  private double wanderDirection = Double.NaN;
  private long wanderUntilTick;

  WorldView(JoinedRoomMessage joined) {
    this.selfId = joined.getPlayerId();
    this.scale = Math.max(1, joined.getPositionScale());
    this.headingSteps = Math.max(1, joined.getHeadingSteps());
    this.tickHz = Math.max(1, joined.getTickHz());
    this.halfSize = joined.getWorldHalfSize() > 0 ? joined.getWorldHalfSize() : 1000;
  }

  /** One heading quantisation step in radians. */
  double headingStep() {
    return TWO_PI / headingSteps;
  }

  void apply(WorldDeltaMessage delta) {
    selfHeadingUpdated = false;
    if (delta.getKeyframe()) {
      players.clear();
      spores.clear();
      keyframes++;
    }
    tick = delta.getTick();
    for (int i = 0, n = delta.getPlayersCount(); i < n; i++) {
      PlayerDelta p = delta.getPlayers(i);
      PlayerState state = players.get(p.getId());
      if (state == null) {
        state = new PlayerState();
        state.tick = tick;
        players.put(p.getId(), state);
      }
      if (p.hasX()) {
        state.x = p.getX() / scale;
        state.tick = tick;
      }
      if (p.hasY()) {
        state.y = p.getY() / scale;
      }
      if (p.hasHeading()) {
        state.heading = p.getHeading() * TWO_PI / headingSteps;
        if (p.getId() == selfId) {
          selfHeadingUpdated = true;
          selfHeading = state.heading;
        }
      }
      if (p.hasSpeed()) {
        state.speed = p.getSpeed() / scale;
      }
      if (p.hasRadius()) {
        state.radius = p.getRadius() / scale;
      }
    }
    for (int i = 0, n = delta.getPlayersLeftCount(); i < n; i++) {
      players.remove(delta.getPlayersLeft(i));
    }
    for (int i = 0, n = delta.getSporesCount(); i < n; i++) {
      SporeDelta s = delta.getSpores(i);
      spores.put(s.getId(), (float) (s.getX() / scale), (float) (s.getY() / scale), (float) (s.getRadius() / scale));
    }
    for (int i = 0, n = delta.getSporesLeftCount(); i < n; i++) {
      spores.remove(delta.getSporesLeft(i));
    }
    for (int i = 0, n = delta.getEatenCount(); i < n; i++) {
      EatenEvent eaten = delta.getEaten(i);
      if (eaten.getVictimId() == selfId) {
        timesEaten++;
      }
    }
  }

  PlayerState self() {
    return players.get(selfId);
  }

  double predictedX(PlayerState p) {
    return p.x + Math.cos(p.heading) * p.speed * (tick - p.tick) / tickHz;
  }

  double predictedY(PlayerState p) {
    return p.y + Math.sin(p.heading) * p.speed * (tick - p.tick) / tickHz;
  }

  /**
   * Where to go now, as a direction in radians (y grows downwards), or NaN when the bot does not
   * know where it is yet.
   */
  double decide(SplittableRandom random) {
    PlayerState self = self();
    if (self == null) {
      return Double.NaN;
    }
    double x = predictedX(self);
    double y = predictedY(self);
    double r = Math.max(self.radius, 1);

    PlayerState threat = null;
    double threatDistance = Double.MAX_VALUE;
    PlayerState prey = null;
    double preyDistance = Double.MAX_VALUE;
    for (Map.Entry<Long, PlayerState> entry : players.entrySet()) {
      if (entry.getKey() == selfId) {
        continue;
      }
      PlayerState other = entry.getValue();
      double dx = predictedX(other) - x;
      double dy = predictedY(other) - y;
      double distance = Math.sqrt(dx * dx + dy * dy) - other.radius - r;
      if (other.radius > r * SIZE_MARGIN && distance < threatDistance) {
        threat = other;
        threatDistance = distance;
      } else if (other.radius * SIZE_MARGIN < r && distance < preyDistance) {
        prey = other;
        preyDistance = distance;
      }
    }
    double alert = r * 4 + 150;
    if (threat != null && threatDistance < alert) {
      double away = Math.atan2(y - predictedY(threat), x - predictedX(threat));
      return awayFromBorder(x, y, r, away);
    }
    if (prey != null && preyDistance < alert * 1.5 && random.nextInt(10) != 0) {
      return Math.atan2(predictedY(prey) - y, predictedX(prey) - x);
    }
    int spore = spores.nearest(x, y);
    if (spore >= 0) {
      return Math.atan2(spores.y(spore) - y, spores.x(spore) - x);
    }
    if (Double.isNaN(wanderDirection) || tick >= wanderUntilTick) {
      wanderDirection = random.nextDouble() * TWO_PI;
      wanderUntilTick = tick + (long) (tickHz * (2 + random.nextDouble() * 3));
    }
    wanderDirection = awayFromBorder(x, y, r, wanderDirection);
    return wanderDirection;
  }

  /** Turns a direction that would run into the border back towards the middle. */
  private double awayFromBorder(double x, double y, double r, double direction) {
    double margin = r * 2 + 20;
    double dx = Math.cos(direction);
    double dy = Math.sin(direction);
    if ((x > halfSize - margin && dx > 0) || (x < -halfSize + margin && dx < 0)) {
      dx = -dx;
    }
    if ((y > halfSize - margin && dy > 0) || (y < -halfSize + margin && dy < 0)) {
      dy = -dy;
    }
    return Math.atan2(dy, dx);
  }

  /** The absolute difference between two directions, in [0, pi]. */
  static double angleBetween(double a, double b) {
    double d = Math.abs(a - b) % TWO_PI;
    return d > Math.PI ? TWO_PI - d : d;
  }
}
