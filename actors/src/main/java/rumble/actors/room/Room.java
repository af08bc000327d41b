package rumble.actors.room;

import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import rumble.actors.CborSerializable;
import rumble.actors.link.ClientLink;
import rumble.actors.metrics.ServerMetrics;
import rumble.actors.score.ScoreKeeper;
import rumble.actors.session.PlayerSession;
import rumble.protocol.JoinedRoomMessage;
import rumble.protocol.Packet;
import rumble.sim.Spot;
import rumble.sim.TickEvents;
import rumble.sim.ViewRules;
import rumble.sim.World;

/**
 * One match: owns a {@link World}, steps it at a fixed rate and sends each member a delta of what
 * it can see. Players reach it through the {@link Matchmaker} by room id and then talk to it
 * directly; every message it takes or sends is a serializable record, so the room can later live on
 * another node (cluster sharding) without changing its protocol.
 *
 * <p>The tick is scheduled against {@code System.nanoTime()}, not the timer's own count: each
 * {@code Tick} runs the steps that are due, at most {@code maxCatchUpTicks} of them, so a room that
 * was late (a GC pause, a busy machine) catches up a little and then skips rather than bursting.
 */
public final class Room extends AbstractBehavior<Room.Command> {

  public sealed interface Command extends CborSerializable {}

  /**
   * Adds a player; the session hears back {@link PlayerSession.RoomJoined}. A session on this node
   * has a {@link ClientLink} in {@link RoomServices#links()}, the short way to its socket; one
   * elsewhere gets its deltas as messages.
   */
  public record Join(long clientId, String name, int color, long accountPlayerId, long savedBest,
      ActorRef<PlayerSession.Command> session) implements Command {}

  public record Leave(long clientId) implements Command {}

  /** Full speed in a direction (radians, y down), like the original PlayerDirectionMessage. */
  public record Steer(long clientId, double direction) implements Command {}

  /** Full speed toward a point, stopping there. */
  public record SteerTo(long clientId, double x, double y) implements Command {}

  public record Say(long clientId, String text) implements Command {}

  public record RequestKeyframe(long clientId) implements Command {}

  /** From the room's {@link SporeSpawner}: add up to {@code count} spores, never beyond the target. */
  public record SpawnSpores(int count) implements Command {}

  /** From the matchmaker, once the room has stayed empty long enough. */
  public enum Stop implements Command { INSTANCE }

  private record SessionEnded(long clientId) implements Command {}

  private enum Tick implements Command { INSTANCE }

  private final int roomId;
  private final RoomServices services;
  private final RoomSettings settings;
  private final ActorRef<Matchmaker.Command> matchmaker;
  private final World world;
  private final PlayerChunks chunks;
  private final DeltaBuilder deltas;
  private final Leaderboard leaderboard;
  private final Map<Long, Member> byClient = new HashMap<>();
  private final Map<Integer, Member> byPlayer = new HashMap<>();
  private final ServerMetrics.RoomMeters meters;
  private final long periodNanos;
  private final int tickHz;
  private long scheduleStart;
  private long stepsScheduled;
  private long joinsHandled;

  public static Behavior<Command> create(int roomId, long seed, ActorRef<Matchmaker.Command> matchmaker,
      RoomServices services) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers ->
        new Room(context, timers, roomId, seed, matchmaker, services)));
  }

  private Room(ActorContext<Command> context, TimerScheduler<Command> timers, int roomId, long seed,
      ActorRef<Matchmaker.Command> matchmaker, RoomServices services) {
    super(context);
    this.roomId = roomId;
    this.services = services;
    this.settings = services.settings();
    this.matchmaker = matchmaker;
    this.world = new World(settings.world(), seed);
    this.chunks = new PlayerChunks(world, settings.predictionThreshold());
    this.deltas = new DeltaBuilder(world, chunks, settings.viewWidth(), settings.viewHeight(),
        settings.viewMargin());
    this.leaderboard = new Leaderboard(settings.leaderboardSize());
    this.meters = services.metrics().roomMeters(roomId, byClient::size);
    this.periodNanos = settings.tickPeriod().toNanos();
    this.tickHz = settings.world().tickHz();
    this.scheduleStart = services.nanoClock().getAsLong();
    services.metrics().roomStarted();
    context.spawn(SporeSpawner.create(context.getSelf(), settings), "spores");
    timers.startTimerAtFixedRate(Tick.INSTANCE, settings.tickPeriod());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Tick.class, tick -> onTick())
        .onMessage(Join.class, this::onJoin)
        .onMessage(Leave.class, leave -> leave(leave.clientId()))
        .onMessage(SessionEnded.class, ended -> leave(ended.clientId()))
        .onMessage(Steer.class, this::onSteer)
        .onMessage(SteerTo.class, this::onSteerTo)
        .onMessage(Say.class, this::onSay)
        .onMessage(RequestKeyframe.class, this::onRequestKeyframe)
        .onMessage(SpawnSpores.class, this::onSpawnSpores)
        .onMessage(Stop.class, stop -> Behaviors.stopped())
        .onSignal(PostStop.class, stop -> onPostStop())
        .build();
  }

  // --- membership ---

  private Behavior<Command> onJoin(Join join) {
    leave(join.clientId()); // a second join from the same client replaces the first
    int playerId = world.addPlayer(join.name(), join.color());
    chunks.add(playerId, join.clientId(), join.name());
    Member member = new Member(join.clientId(), join.name(), playerId, join.session(),
        services.links().find(join.session()),
        join.accountPlayerId(), join.savedBest());
    byClient.put(join.clientId(), member);
    byPlayer.put(playerId, member);
    getContext().watchWith(join.session(), new SessionEnded(join.clientId()));
    joinsHandled++;
    join.session().tell(new PlayerSession.RoomJoined(roomId, getContext().getSelf(), joinedPacket(join)));
    // The board is only sent when it changes, and a newcomer need not change it: show the current one.
    byte[] board = leaderboard.current();
    if (board != null) {
      join.session().tell(new PlayerSession.RoomBroadcast(board));
    }
    reportPopulation();
    return this;
  }

  private byte[] joinedPacket(Join join) {
    return Packet.newBuilder().setJoinedRoom(JoinedRoomMessage.newBuilder()
        .setPlayerId(join.clientId()).setRoomId(roomId).setWorldHalfSize(settings.world().halfSize())
        .setTickHz(tickHz).setPositionScale(Quantized.POSITION_SCALE)
        .setHeadingSteps(Quantized.HEADING_STEPS)
        .setViewWidth(settings.viewWidth()).setViewHeight(settings.viewHeight())
        .setStartRadius(settings.world().startRadius()).setViewGrowth(ViewRules.GROWTH_EXPONENT))
        .build().toByteArray();
  }

  private Behavior<Command> leave(long clientId) {
    Member member = byClient.remove(clientId);
    if (member != null) {
      byPlayer.remove(member.playerId());
      getContext().unwatch(member.session);
      saveBestScore(member);
      if (member.registered()) {
        services.scoreKeeper().tell(ScoreKeeper.FlushSoon.INSTANCE);
      }
      world.removePlayer(member.playerId());
      reportPopulation();
    }
    return this;
  }

  private void reportPopulation() {
    matchmaker.tell(new Matchmaker.RoomPopulation(roomId, byClient.size(), joinsHandled));
  }

  // --- inputs ---

  private Behavior<Command> onSteer(Steer steer) {
    Member member = byClient.get(steer.clientId());
    if (member != null) {
      world.steer(member.playerId(), steer.direction());
    }
    return this;
  }

  private Behavior<Command> onSteerTo(SteerTo steer) {
    Member member = byClient.get(steer.clientId());
    if (member != null) {
      world.steerTowards(member.playerId(), steer.x(), steer.y());
    }
    return this;
  }

  private Behavior<Command> onSay(Say say) {
    Member speaker = byClient.get(say.clientId());
    if (speaker != null) {
      PlayerSession.ChatRelayed line = new PlayerSession.ChatRelayed(speaker.clientId, speaker.name, say.text());
      byClient.values().forEach(listener -> {
        if (listener != speaker) {
          listener.session.tell(line);
        }
      });
    }
    return this;
  }

  private Behavior<Command> onRequestKeyframe(RequestKeyframe request) {
    Member member = byClient.get(request.clientId());
    if (member != null) {
      member.viewer.keyframeDue = true;
    }
    return this;
  }

  private Behavior<Command> onSpawnSpores(SpawnSpores spawn) {
    int missing = Math.min(spawn.count(), settings.world().sporeTarget() - world.sporeCount());
    for (int i = 0; i < missing; i++) {
      double radius = world.randomSporeRadius();
      Spot spot = world.findSporeSpot(radius);
      if (spot != null) {
        world.addSpore(spot.x(), spot.y(), radius);
      }
    }
    return this;
  }

  // --- the tick ---

  private Behavior<Command> onTick() {
    long now = services.nanoClock().getAsLong();
    long due = (now - scheduleStart) / periodNanos - stepsScheduled;
    if (due > settings.maxCatchUpTicks()) {
      services.metrics().ticksSkipped(due - settings.maxCatchUpTicks());
      stepsScheduled += due - settings.maxCatchUpTicks();
      due = settings.maxCatchUpTicks();
    }
    for (long i = 0; i < due; i++) {
      stepsScheduled++;
      takeLinkedSteering();
      long started = System.nanoTime();
      step();
      services.metrics().tick(meters, System.nanoTime() - started, periodNanos);
    }
    return this;
  }

  /** The latest steering each linked client left since the last step (older ones were overwritten). */
  private void takeLinkedSteering() {
    for (Member member : byClient.values()) {
      ClientLink.Steering steering = member.link == null ? null : member.link.takeSteering();
      if (steering != null) {
        if (steering.towardPoint()) {
          world.steerTowards(member.playerId(), steering.a(), steering.b());
        } else {
          world.steer(member.playerId(), steering.a());
        }
      }
    }
  }

  private void step() {
    world.step();
    TickEvents events = world.events();
    long tick = events.tick();
    chunks.refresh(tick);
    for (Member member : byClient.values()) {
      if (member.link != null && !member.link.isOpenFor(roomId)) {
        member.viewer.keyframeDue = true; // not told it joined yet (or leaving): it starts from a keyframe
        continue;
      }
      boolean keyframe = member.viewer.keyframeDue;
      boolean refreshSpores = (tick + member.playerId()) % settings.sporeRefreshTicks() == 0;
      byte[] delta = deltas.build(member.viewer, events, refreshSpores);
      member.viewer.bytesThisSecond += delta.length;
      if (member.link == null) {
        member.session.tell(new PlayerSession.RoomDelta(delta, keyframe));
      } else if (!member.link.deliver(roomId, Packet.MsgCase.WORLD_DELTA, delta)) {
        member.viewer.keyframeDue = true; // the client reads too slowly: it missed this one
      }
    }
    if (tick % tickHz == 0) {
      everySecond();
    }
  }

  private void everySecond() {
    byte[] board = leaderboard.nextIfChanged(world, byPlayer);
    for (Member member : byClient.values()) {
      sendBoard(member, board != null ? board : member.boardMissed ? leaderboard.current() : null);
      services.metrics().playerSecond(member.viewer.bytesThisSecond, member.viewer.entitiesInView());
      member.viewer.bytesThisSecond = 0;
      saveBestScore(member);
    }
  }

  private void sendBoard(Member member, byte[] board) {
    if (board == null) {
      return;
    }
    if (member.link == null) {
      member.session.tell(new PlayerSession.RoomBroadcast(board));
    } else {
      member.boardMissed = !member.link.deliver(roomId, Packet.MsgCase.LEADERBOARD, board);
    }
  }

  /** Hands a registered player's new best to the write-behind score keeper (never one SQL per tick). */
  private void saveBestScore(Member member) {
    if (!member.registered()) {
      return;
    }
    long best = world.bestScore(member.playerId());
    if (best > member.savedBest) {
      member.savedBest = best;
      services.scoreKeeper().tell(new ScoreKeeper.Record(member.accountPlayerId, best));
    }
  }

  private Behavior<Command> onPostStop() {
    byClient.values().forEach(this::saveBestScore);
    meters.remove().run();
    services.metrics().roomStopped();
    return this;
  }
}
