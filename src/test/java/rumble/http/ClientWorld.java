package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import rumble.protocol.JoinedRoomMessage;
import rumble.protocol.PlayerDelta;
import rumble.protocol.SporeDelta;
import rumble.protocol.WorldDeltaMessage;

/** What a client knows of its room, rebuilt from WorldDelta messages exactly as a real client would. */
final class ClientWorld {

  record Player(long id, String name, int color, double x, double y, double radius, double heading,
      double speed, long tick) {}

  record Spore(int id, double x, double y, double radius) {}

  final JoinedRoomMessage joined;
  final Map<Long, Player> players = new HashMap<>();
  final Map<Integer, Spore> spores = new HashMap<>();
  long tick;
  int lastSeq;
  int eatenEvents;

  ClientWorld(JoinedRoomMessage joined) {
    this.joined = joined;
  }

  void apply(WorldDeltaMessage delta) {
    if (delta.getKeyframe()) {
      players.clear();
      spores.clear();
    } else if (lastSeq != 0) {
      assertEquals(lastSeq + 1, delta.getSeq(), "seq must grow by one per delta");
    }
    lastSeq = delta.getSeq();
    tick = delta.getTick();
    double scale = joined.getPositionScale();
    for (PlayerDelta p : delta.getPlayersList()) {
      Player old = players.get(p.getId());
      double x = p.hasX() ? p.getX() / scale : predictX(old);
      double y = p.hasY() ? p.getY() / scale : predictY(old);
      double heading = p.hasHeading() ? p.getHeading() * 2 * Math.PI / joined.getHeadingSteps() : old.heading();
      double speed = p.hasSpeed() ? p.getSpeed() / scale : old.speed();
      long since = p.hasX() ? tick : old.tick();
      double baseX = p.hasX() ? x : old.x();
      double baseY = p.hasY() ? y : old.y();
      players.put(p.getId(), new Player(p.getId(), p.hasName() ? p.getName() : old.name(),
          p.hasColor() ? p.getColor() : old.color(), baseX, baseY,
          p.hasRadius() ? p.getRadius() / scale : old.radius(), heading, speed, since));
    }
    delta.getPlayersLeftList().forEach(players::remove);
    for (SporeDelta s : delta.getSporesList()) {
      spores.put(s.getId(), new Spore(s.getId(), s.getX() / scale, s.getY() / scale, s.getRadius() / scale));
    }
    delta.getSporesLeftList().forEach(spores::remove);
    eatenEvents += delta.getEatenCount();
  }

  /** Where a player is now by the protocol's extrapolation rule. */
  double predictX(Player p) {
    return p.x() + Math.cos(p.heading()) * p.speed() * (tick - p.tick()) / joined.getTickHz();
  }

  double predictY(Player p) {
    return p.y() + Math.sin(p.heading()) * p.speed() * (tick - p.tick()) / joined.getTickHz();
  }

  Player me() {
    return players.get(joined.getPlayerId());
  }
}
