package rumble.actors;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;
import rumble.actors.account.SessionRegistry;
import rumble.actors.link.ClientLink;
import rumble.actors.link.ClientLinks;
import rumble.actors.room.DeltaRelay;
import rumble.actors.room.Matchmaker;
import rumble.actors.room.RoomServices;
import rumble.actors.room.RoomShards;
import rumble.actors.score.ScoreKeeper;
import rumble.actors.session.PlayerSession;
import rumble.actors.session.SessionServices;

/**
 * The root of the server's actors: starts this node's part of the cluster's matchmaker and rooms
 * (a singleton proxy and a shard region), the session registry and the score keeper, spawns one {@link PlayerSession} per accepted WebSocket, and at
 * shutdown closes every session with a reason, then has the last best scores written.
 */
public final class Guardian extends AbstractBehavior<Guardian.Command> {

  public sealed interface Command extends NoSerializationVerificationNeeded {}

  /** A new socket: spawn its session, which writes to the socket through {@code link}. */
  public record Connect(String remoteAddress, ClientLink link,
      ActorRef<ActorRef<PlayerSession.Command>> replyTo) implements Command {}

  /** Closes every session with {@code reason}; answers when all are gone or the deadline passed. */
  public record DisconnectAll(String reason, Duration deadline, ActorRef<Done> replyTo) implements Command {}

  /** Writes every pending best score; answers once they are in the database. */
  public record FlushScores(ActorRef<Done> replyTo) implements Command {}

  private enum DeadlinePassed implements Command { INSTANCE }

  /** Builds the node-wide services inside the guardian (some need its dispatchers). */
  public interface ServicesFactory {
    NodeServices create(ActorContext<?> context);
  }

  private final SessionServices services;
  private final ActorRef<ScoreKeeper.Command> scoreKeeper;
  private final TimerScheduler<Command> timers;
  private final Set<ActorRef<PlayerSession.Command>> sessions = new HashSet<>();
  private long lastClientId;
  private ActorRef<Done> shutdownWaiter;
  /** Shared by rooms and sessions: each session registers its link under the ref it joins rooms with. */
  private final ClientLinks links = new ClientLinks();

  public static Behavior<Command> create(ServicesFactory services) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new Guardian(context, timers, services)));
  }

  private Guardian(ActorContext<Command> context, TimerScheduler<Command> timers, ServicesFactory factory) {
    super(context);
    this.timers = timers;
    NodeServices node = factory.create(context);
    this.scoreKeeper = context.spawn(
        ScoreKeeper.create(node.accounts()::saveBestScores, node.scoreWriteInterval()), "score-keeper");
    // One matchmaker in the cluster (this node's proxy to it), and this node's share of the rooms.
    ActorRef<Matchmaker.Command> matchmaker = ClusterSingleton.get(context.getSystem()).init(SingletonActor.of(
        Matchmaker.create(node.roomSettings(), RoomShards.directory(context.getSystem())), "matchmaker"));
    RoomShards.init(context.getSystem(),
        new RoomServices(node.roomSettings(), node.metrics(), scoreKeeper, System::nanoTime, links, matchmaker));
    context.spawn(DeltaRelay.create(links, node.metrics()), DeltaRelay.NAME);
    ActorRef<SessionRegistry.Command> registry = context.spawn(SessionRegistry.create(), "session-registry");
    this.services = new SessionServices(node.metrics(), node.accounts(), node.accountLimits(), matchmaker,
        registry, node.sessionSettings(), links);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Connect.class, this::onConnect)
        .onMessage(DisconnectAll.class, this::onDisconnectAll)
        .onMessage(FlushScores.class, this::onFlushScores)
        .onMessage(DeadlinePassed.class, passed -> answerShutdown())
        .onSignal(Terminated.class, this::onTerminated)
        .build();
  }

  private Behavior<Command> onConnect(Connect connect) {
    long clientId = clientIdBase() + ++lastClientId;
    ActorRef<PlayerSession.Command> session = getContext().spawn(
        PlayerSession.create(clientId, connect.remoteAddress(), connect.link(), services),
        "session-" + clientId);
    getContext().watch(session);
    sessions.add(session);
    connect.replyTo().tell(session);
    return this;
  }

  /**
   * Client ids are unique in the cluster: each node counts its own, above a base from its place in
   * the cluster (the order nodes became Up: 1, 2, ...), 2^32 ids apart. On the first node, and on a
   * lone server, ids start at 1 and are never reused, as in the original. Sockets are only taken
   * once the node is Up (PlayerSocket), so the place is known here. (Pekko reuses a place only after
   * its node has left, and that node's players went with it.)
   */
  private long clientIdBase() {
    int place = Cluster.get(getContext().getSystem()).selfMember().upNumber();
    return place > 1 ? (long) (place - 1) << 32 : 0;
  }

  private Behavior<Command> onDisconnectAll(DisconnectAll request) {
    shutdownWaiter = request.replyTo();
    sessions.forEach(session -> session.tell(new PlayerSession.Kick(request.reason())));
    timers.startSingleTimer(DeadlinePassed.INSTANCE, request.deadline());
    return sessions.isEmpty() ? answerShutdown() : this;
  }

  private Behavior<Command> onFlushScores(FlushScores flush) {
    scoreKeeper.tell(new ScoreKeeper.Flush(flush.replyTo()));
    return this;
  }

  private Behavior<Command> onTerminated(Terminated terminated) {
    sessions.remove(terminated.getRef());
    return sessions.isEmpty() && shutdownWaiter != null ? answerShutdown() : this;
  }

  private Behavior<Command> answerShutdown() {
    if (shutdownWaiter != null) {
      shutdownWaiter.tell(Done.getInstance());
      shutdownWaiter = null;
      timers.cancel(DeadlinePassed.INSTANCE);
    }
    return this;
  }
}
