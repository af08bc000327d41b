package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import rumble.protocol.EatenEvent;
import rumble.protocol.JoinedRoomMessage;
import rumble.protocol.LeaderboardEntry;
import rumble.protocol.LeaderboardMessage;
import rumble.protocol.PlayerDelta;
import rumble.protocol.SporeDelta;
import rumble.protocol.WorldDeltaMessage;

/**
 * What a client knows of its room, rebuilt from WorldDelta messages exactly as a real client would.
 * While applying it checks the protocol's promises: the first delta is a keyframe, seq grows by one
 * (a gap is only allowed right before a keyframe, after the server dropped deltas to a slow reader),
 * and the client's own player is in every delta with its full motion and radius.
 */
final class ClientWorld {

  record Player(long id, String name, int color, double x, double y, double radius, double heading,
      double speed, long tick) {

    double mass() {
      return Math.PI * radius * radius;
    }

    double distanceTo(double otherX, double otherY) {
      return Math.hypot(otherX - x, otherY - y);
    }
  }

  record Spore(int id, double x, double y, double radius) {

    double mass() {
      return Math.PI * radius * radius;
    }
  }

  final JoinedRoomMessage joined;
  final Map<Long, Player> players = new HashMap<>();
  final Map<Integer, Spore> spores = new HashMap<>();
  long tick;
  int lastSeq;
  /** Deltas applied, keyframes among them, and keyframes that followed a gap in seq. */
  int deltas;
  int keyframes;
  int seqGaps;
  /** The last delta applied, and the own player as it was before it. */
  WorldDeltaMessage lastDelta;
  Player meBefore;
  /** The spores the last delta announced in spores_left, as they were known. */
  final List<Spore> sporesLeftInLastDelta = new ArrayList<>();
  /** Every EatenEvent seen, in order. */
  final List<EatenEvent> eaten = new ArrayList<>();
  /** Every other player id any delta named (entered, changed, left, or in an EatenEvent). */
  final Set<Long> playersMentioned = new HashSet<>();
  /** The latest leaderboard, null until one arrived. */
  LeaderboardMessage leaderboard;

  ClientWorld(JoinedRoomMessage joined) {
    this.joined = joined;
  }

  void apply(WorldDeltaMessage delta) {
    long myId = joined.getPlayerId();
    if (deltas == 0) {
      assertTrue(delta.getKeyframe(), "the first delta after joining must be a keyframe: " + delta);
    } else if (delta.getSeq() != lastSeq + 1) {
      assertTrue(delta.getKeyframe() && delta.getSeq() > lastSeq,
          () -> "seq went from " + lastSeq + " to " + delta.getSeq() + " without a keyframe");
      seqGaps++;
    }
    PlayerDelta self = delta.getPlayersList().stream().filter(p -> p.getId() == myId).findFirst()
        .orElseThrow(() -> new AssertionError("own player missing from delta " + delta.getSeq()));
    assertTrue(self.hasX() && self.hasY() && self.hasRadius() && self.hasHeading() && self.hasSpeed(),
        () -> "own player not complete in delta " + delta.getSeq() + ": " + self);
    meBefore = me();
    if (delta.getKeyframe()) {
      players.clear();
      spores.clear();
      keyframes++;
    }
    deltas++;
    lastSeq = delta.getSeq();
    lastDelta = delta;
    tick = delta.getTick();
    double scale = joined.getPositionScale();
    for (PlayerDelta p : delta.getPlayersList()) {
      Player old = players.get(p.getId());
      if (old == null) {
        assertTrue(p.hasX() && p.hasName() && p.hasColor() || p.getId() == myId && p.hasX(),
            () -> "player " + p.getId() + " entered the view without its full state: " + p);
      }
      double heading = p.hasHeading() ? p.getHeading() * 2 * Math.PI / joined.getHeadingSteps() : old.heading();
      double speed = p.hasSpeed() ? p.getSpeed() / scale : old.speed();
      long since = p.hasX() ? tick : old.tick();
      double baseX = p.hasX() ? p.getX() / scale : old.x();
      double baseY = p.hasY() ? p.getY() / scale : old.y();
      players.put(p.getId(), new Player(p.getId(), p.hasName() ? p.getName() : old == null ? null : old.name(),
          p.hasColor() ? p.getColor() : old == null ? 0 : old.color(), baseX, baseY,
          p.hasRadius() ? p.getRadius() / scale : old.radius(), heading, speed, since));
      if (p.getId() != myId) {
        playersMentioned.add(p.getId());
      }
    }
    for (long left : delta.getPlayersLeftList()) {
      players.remove(left);
      playersMentioned.add(left);
    }
    for (SporeDelta s : delta.getSporesList()) {
      spores.put(s.getId(), new Spore(s.getId(), s.getX() / scale, s.getY() / scale, s.getRadius() / scale));
    }
    sporesLeftInLastDelta.clear();
    for (int left : delta.getSporesLeftList()) {
      Spore gone = spores.remove(left);
      assertTrue(gone != null, () -> "spores_left names spore " + left + ", which the client never knew");
      sporesLeftInLastDelta.add(gone);
    }
    for (EatenEvent event : delta.getEatenList()) {
      eaten.add(event);
      if (event.getVictimId() != myId) {
        playersMentioned.add(event.getVictimId());
      }
      if (event.getEaterId() != myId) {
        playersMentioned.add(event.getEaterId());
      }
    }
  }

  void apply(LeaderboardMessage board) {
    leaderboard = board;
  }

  /** The player's score on the latest leaderboard, or -1 if it is not on it (or none came yet). */
  long leaderboardScore(long playerId) {
    if (leaderboard == null) {
      return -1;
    }
    return leaderboard.getEntriesList().stream().filter(e -> e.getPlayerId() == playerId)
        .mapToLong(LeaderboardEntry::getScore).findFirst().orElse(-1);
  }

  /** Where a player is now by the protocol's extrapolation rule. */
  double predictX(Player p) {
    return p.x() + Math.cos(p.heading()) * p.speed() * (tick - p.tick()) / joined.getTickHz();
  }

  double predictY(Player p) {
    return p.y() + Math.sin(p.heading()) * p.speed() * (tick - p.tick()) / joined.getTickHz();
  }

  /** The own player; its position is exact (sent every tick). Null before the first delta. */
  Player me() {
    return players.get(joined.getPlayerId());
  }

  long roomId() {
    return joined.getRoomId();
  }

  /** Total mass of the spores the last delta announced in spores_left. */
  double massOfSporesLeftInLastDelta() {
    return sporesLeftInLastDelta.stream().mapToDouble(Spore::mass).sum();
  }

  @Override
  public String toString() {
    Player me = me();
    return "room " + joined.getRoomId() + " tick " + tick + " seq " + lastSeq + ", me "
        + (me == null ? "?" : String.format("(%.1f, %.1f) r %.1f", me.x(), me.y(), me.radius()))
        + ", " + players.size() + " players, " + spores.size() + " spores";
  }
}
