package rumble.actors.room;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import rumble.actors.CborSerializable;
import rumble.actors.link.ClientLink;
import rumble.actors.metrics.ServerMetrics;
import rumble.actors.score.ScoreKeeper;
import rumble.sim.TickEvents;
import rumble.sim.World;

/**
 * One match: owns a {@link World}, steps it at a fixed rate and sends each member a delta of what
 * it can see. A room is a Cluster Sharding entity ({@link #TYPE_KEY}, id = room id, see
 * {@link RoomShards}), so it may run on any node; players reach it through the {@link Matchmaker}
 * by room id and then talk to it directly. Every message it takes ({@link Command}) or sends
 * ({@link Event}) is a serializable record. It knows a player only as the {@code ActorRef<Event>}
 * it joined with, never the actor behind it (a session adapts the events once, with a message
 * adapter).
 *
 * <p>Stopping: the matchmaker {@link Close}s a room that stayed empty, and the room passivates
 * itself. Sharding stops it with {@link Shutdown} (after that passivation, or to hand it over when
 * its node leaves); a room with players tells them with {@link Closing} so they join again, in the
 * same room id started afresh on another node. Its world is not carried over: a match is in memory
 * only, and a moved room starts a new one.
 *
 * <p>The tick timer only wakes the room; which steps run is its {@link TickSchedule}'s call.
 */
public final class Room extends AbstractBehavior<Room.Command> {

  public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "Room");

  public sealed interface Command extends CborSerializable {}

  /**
   * Adds a player; {@code player} hears back {@link Joined} and is watched: when it stops, the
   * player leaves. A player whose socket is on this node has a {@link ClientLink} in
   * {@link RoomServices#links()} under that same ref, the short way to its socket; one elsewhere
   * gets its deltas as {@link Delta} events.
   */
  public record Join(long clientId, String name, int color, long accountPlayerId, long savedBest,
      ActorRef<Event> player) implements Command {}

  /**
   * A {@link Join} from the matchmaker, numbered: {@code ticket} counts the joins the matchmaker sent
   * to this room id, and the room reports the highest it handled, so the matchmaker knows which of
   * its joins are still on the way (and that earlier ones sent to a run of the room that is gone
   * never will be).
   */
  public record Admit(Join join, long ticket) implements Command {}

  public record Leave(long clientId) implements Command {}

  /** Full speed in a direction (radians, y down), like the original PlayerDirectionMessage. */
  public record Steer(long clientId, double direction) implements Command {}

  /** Full speed toward a point, stopping there. */
  public record SteerTo(long clientId, double x, double y) implements Command {}

  public record Say(long clientId, String text) implements Command {}

  public record RequestKeyframe(long clientId) implements Command {}

  /** From the room's {@link SporeSpawner}: add up to {@code count} spores, never beyond the target. */
  public record SpawnSpores(int count) implements Command {}

  /** From the matchmaker, once the room has stayed empty long enough: the room passivates. */
  public enum Close implements Command { INSTANCE }

  /**
   * Sharding's stop message ({@link RoomShards}): the room is passivated, or handed over because
   * its node is leaving. Players still in it are told ({@link Closing}) before it stops.
   */
  public enum Shutdown implements Command { INSTANCE }

  /** The player's ref stopped (its session ended) without a {@link Leave}. */
  private record PlayerStopped(long clientId) implements Command {}

  private enum Tick implements Command { INSTANCE }

  /** What the room tells a player, through the ref it joined with. */
  public sealed interface Event extends CborSerializable {}

  /** The room took the player; {@code packet} is the JoinedRoomMessage for the client. */
  public record Joined(int roomId, ActorRef<Command> room, byte[] packet) implements Event {}

  /**
   * This tick's world delta, already encoded, for a player the room reaches by neither its link
   * nor a node's relay (a plain actor, such as a test's probe).
   */
  public record Delta(byte[] packet, boolean keyframe) implements Event {}

  /** A packet for everyone in the room (the leaderboard), for a player the room has no link to. */
  public record Broadcast(byte[] packet) implements Event {}

  /** A line another player in the room said. */
  public record ChatLine(long speakerId, String speakerName, String text) implements Event {}

  /** The room is stopping under the player (its node leaves): join again, the same id if possible. */
  public record Closing(int roomId) implements Event {}

  private final int roomId;
  private final RoomServices services;
  private final RoomSettings settings;
  /** The shard to passivate through; null for a room spawned outside sharding (tests). */
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  /** Tells the matchmaker this run of the room from an earlier one with the same id. */
  private final long incarnation;
  private final World world;
  private final RoomFeed feed;
  private final Members members = new Members();
  private final ServerMetrics.RoomMeters meters;
  private final long periodNanos;
  private final int tickHz;
  private final TickSchedule schedule;
  /** The highest {@link Admit} ticket handled. */
  private long lastTicket;

  /**
   * A room; {@code shard} is the shard it is an entity of ({@link RoomShards#entity}), or null when
   * it runs outside sharding, where {@link Close} simply stops it.
   */
  public static Behavior<Command> create(int roomId, long seed, RoomServices services,
      ActorRef<ClusterSharding.ShardCommand> shard) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers ->
        new Room(context, timers, roomId, seed, services, shard)));
  }

  private Room(ActorContext<Command> context, TimerScheduler<Command> timers, int roomId, long seed,
      RoomServices services, ActorRef<ClusterSharding.ShardCommand> shard) {
    super(context);
    this.roomId = roomId;
    this.services = services;
    this.settings = services.settings();
    this.shard = shard;
    this.incarnation = seed ^ System.nanoTime();
    this.world = new World(settings.world(), seed);
    this.feed = new RoomFeed(roomId, world, settings, services.metrics(),
        new RelayBatches(roomId, context.getSelf(), ActorRefResolver.get(context.getSystem())));
    this.meters = services.metrics().roomMeters(roomId, members::size);
    this.periodNanos = settings.tickPeriod().toNanos();
    this.tickHz = settings.world().tickHz();
    this.schedule = new TickSchedule(periodNanos, settings.maxCatchUpTicks(), services.nanoClock().getAsLong());
    services.metrics().roomStarted();
    context.spawn(SporeSpawner.create(context.getSelf(), settings), "spores");
    timers.startTimerAtFixedRate(Tick.INSTANCE, settings.tickPeriod());
    reportPopulation(); // a matchmaker that moved (its node left) learns of rooms from these
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Tick.class, tick -> onTick())
        .onMessage(Join.class, this::onJoin)
        .onMessage(Admit.class, this::onAdmit)
        .onMessage(Leave.class, leave -> leave(leave.clientId()))
        .onMessage(PlayerStopped.class, stopped -> leave(stopped.clientId()))
        .onMessage(Steer.class, this::onSteer)
        .onMessage(SteerTo.class, this::onSteerTo)
        .onMessage(Say.class, this::onSay)
        .onMessage(RequestKeyframe.class, this::onRequestKeyframe)
        .onMessage(SpawnSpores.class, this::onSpawnSpores)
        .onMessage(Close.class, close -> onClose())
        .onMessage(Shutdown.class, shutdown -> onShutdown())
        .onSignal(PostStop.class, stop -> onPostStop())
        .build();
  }

  // --- membership ---

  private Behavior<Command> onAdmit(Admit admit) {
    lastTicket = Math.max(lastTicket, admit.ticket());
    return onJoin(admit.join());
  }

  private Behavior<Command> onJoin(Join join) {
    leave(join.clientId()); // a second join from the same client replaces the first
    int playerId = world.addPlayer(join.name(), join.color());
    feed.add(playerId, join.clientId(), join.name());
    members.add(new Member(join, playerId, services.links().find(join.player())));
    getContext().watchWith(join.player(), new PlayerStopped(join.clientId()));
    byte[] joined = JoinedRoomPacket.encode(settings, roomId, join.clientId());
    join.player().tell(new Joined(roomId, getContext().getSelf(), joined));
    // The board is only sent when it changes, and a newcomer need not change it: show the current one.
    byte[] board = feed.currentBoard();
    if (board != null) {
      join.player().tell(new Broadcast(board));
    }
    reportPopulation();
    return this;
  }

  private Behavior<Command> leave(long clientId) {
    Member member = members.remove(clientId);
    if (member != null) {
      getContext().unwatch(member.player);
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
    services.matchmaker().tell(new Matchmaker.RoomPopulation(roomId, incarnation, members.size(), lastTicket));
  }

  /** Every join goes through the matchmaker, so an empty room it closes gets no late joiner. */
  private Behavior<Command> onClose() {
    if (!members.isEmpty()) {
      return this; // a join overtook the close: the matchmaker hears of it from the population
    }
    if (shard == null) {
      return Behaviors.stopped();
    }
    shard.tell(new ClusterSharding.Passivate<>(getContext().getSelf()));
    return this;
  }

  private Behavior<Command> onShutdown() {
    members.tellAll(new Closing(roomId));
    return Behaviors.stopped();
  }

  // --- inputs ---

  private Behavior<Command> onSteer(Steer steer) {
    Member member = members.get(steer.clientId());
    if (member != null) {
      world.steer(member.playerId(), steer.direction());
    }
    return this;
  }

  private Behavior<Command> onSteerTo(SteerTo steer) {
    Member member = members.get(steer.clientId());
    if (member != null) {
      world.steerTowards(member.playerId(), steer.x(), steer.y());
    }
    return this;
  }

  private Behavior<Command> onSay(Say say) {
    Member speaker = members.get(say.clientId());
    if (speaker != null) {
      members.tellOthers(speaker, new ChatLine(speaker.clientId, speaker.name, say.text()));
    }
    return this;
  }

  private Behavior<Command> onRequestKeyframe(RequestKeyframe request) {
    Member member = members.get(request.clientId());
    if (member != null) {
      member.viewer.keyframeDue = true;
    }
    return this;
  }

  private Behavior<Command> onSpawnSpores(SpawnSpores spawn) {
    world.spawnSpores(spawn.count());
    return this;
  }

  // --- the tick ---

  private Behavior<Command> onTick() {
    int due = schedule.stepsDue(services.nanoClock().getAsLong());
    if (schedule.skippedNow() > 0) {
      services.metrics().ticksSkipped(schedule.skippedNow());
    }
    for (int i = 0; i < due; i++) {
      for (Member member : members.all()) {
        member.takeSteering(world);
      }
      long started = System.nanoTime();
      step();
      services.metrics().tick(meters, System.nanoTime() - started, periodNanos);
    }
    return this;
  }

  private void step() {
    world.step();
    TickEvents events = world.events();
    feed.sendDeltas(members, events);
    if (events.tick() % tickHz == 0) {
      feed.everySecond(members, world);
      members.all().forEach(this::saveBestScore);
      // Also when nothing changed: a matchmaker that moved to another node rebuilds its picture
      // from these, and one that lost a message is corrected within a second.
      reportPopulation();
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
    members.all().forEach(this::saveBestScore);
    meters.remove().run();
    services.metrics().roomStopped();
    return this;
  }
}
