package rumble.actors.room;

import rumble.actors.metrics.ServerMetrics;
import rumble.sim.TickEvents;
import rumble.sim.World;

/**
 * What a room sends its players: after each step a delta per member of what it can see (for the
 * players on another node, one message to that node's {@link DeltaRelay}), and once a second the
 * leaderboard when it changed (or to whoever missed the last one). Owned by one
 * {@link Room}; not thread-safe.
 *
 * <p>Policy: a member whose link is not open yet (its JoinedRoom is still on the way) gets no delta
 * and starts from a keyframe; a delta or board that found the client's queue full is not queued
 * again: the next delta is a keyframe, and the board goes again next second.
 */
final class RoomFeed {

  private final int roomId;
  private final RoomSettings settings;
  private final ServerMetrics metrics;
  private final PlayerChunks chunks;
  private final DeltaBuilder deltas;
  private final Leaderboard leaderboard;
  private final RelayBatches relays;

  RoomFeed(int roomId, World world, RoomSettings settings, ServerMetrics metrics, RelayBatches relays) {
    this.roomId = roomId;
    this.relays = relays;
    this.settings = settings;
    this.metrics = metrics;
    this.chunks = new PlayerChunks(world, settings.predictionThreshold());
    this.deltas = new DeltaBuilder(world, chunks, settings.viewWidth(), settings.viewHeight(),
        settings.viewMargin());
    this.leaderboard = new Leaderboard(settings.leaderboardSize());
  }

  /** A new player: known by its client id and name to every viewer from now on. */
  void add(int playerId, long clientId, String name) {
    chunks.add(playerId, clientId, name);
  }

  /** The current leaderboard, for a newcomer (it is only sent when it changes); null before the first. */
  byte[] currentBoard() {
    return leaderboard.current();
  }

  /** Each member's delta for the step just taken. */
  void sendDeltas(Members members, TickEvents events) {
    long tick = events.tick();
    chunks.refresh(tick);
    for (Member member : members.all()) {
      if (member.link != null && !member.link.isOpenFor(roomId)) {
        member.viewer.keyframeDue = true; // not told it joined yet (or leaving): it starts from a keyframe
        continue;
      }
      boolean keyframe = member.viewer.keyframeDue;
      boolean refreshSpores = (tick + member.playerId()) % settings.sporeRefreshTicks() == 0;
      byte[] delta = deltas.build(member.viewer, events, refreshSpores);
      member.viewer.bytesThisSecond += delta.length;
      if (!member.sendDelta(roomId, delta, keyframe, relays)) {
        member.viewer.keyframeDue = true; // the client reads too slowly: it missed this one
      }
    }
    relays.flush();
  }

  /** The leaderboard, if it changed or someone missed it, and each member's second in the metrics. */
  void everySecond(Members members, World world) {
    byte[] board = leaderboard.nextIfChanged(world, members.byPlayer());
    for (Member member : members.all()) {
      byte[] missedOrNew = board != null ? board : member.boardMissed ? leaderboard.current() : null;
      if (missedOrNew != null) {
        member.sendBoard(roomId, missedOrNew);
      }
      metrics.playerSecond(member.viewer.bytesThisSecond, member.viewer.entitiesInView());
      member.viewer.bytesThisSecond = 0;
    }
  }
}
