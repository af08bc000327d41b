package rumble.actors.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.util.ByteString;
import rumble.actors.link.ClientLink;
import rumble.actors.link.ClientLinks;
import rumble.protocol.PlayerDelta;
import rumble.protocol.WorldDeltaMessage;
import rumble.actors.metrics.ServerMetrics;
import rumble.actors.score.ScoreKeeper;
import rumble.actors.session.PlayerSession;
import rumble.protocol.Packet;

/** The room's clock: cadence, bounded catch-up, joins and leaves between ticks, stopping when empty. */
class RoomTest {

  private static final Config CONFIG = ManualTime.config()
      .withFallback(ConfigFactory.parseResources("application-test.conf"))
      .withFallback(ConfigFactory.load()).resolve();
  private static final ActorTestKit testKit = ActorTestKit.create(CONFIG);
  private static final ManualTime manualTime = ManualTime.get(testKit.system());
  private static final RoomSettings SETTINGS = RoomSettings.fromConfig(CONFIG.getConfig("rumble.game"));
  private static final Duration PERIOD = SETTINGS.tickPeriod();
  private static final AtomicInteger roomIds = new AtomicInteger();

  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final TestProbe<ScoreKeeper.Command> scores = testKit.createTestProbe();
  private final TestProbe<Matchmaker.Command> matchmaker = testKit.createTestProbe();
  private final ClientLinks links = new ClientLinks();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private ActorRef<Room.Command> startRoom() {
    RoomServices services = new RoomServices(SETTINGS, new ServerMetrics(), scores.ref(), clock::get, links);
    return testKit.spawn(Room.create(roomIds.incrementAndGet(), 42, matchmaker.ref(), services));
  }

  /** Moves the room's clock and Pekko's scheduler forward together. */
  private void elapse(Duration duration) {
    clock.addAndGet(duration.toNanos());
    manualTime.timePasses(duration);
  }

  private TestProbe<PlayerSession.Command> join(ActorRef<Room.Command> room, long clientId) {
    TestProbe<PlayerSession.Command> session = testKit.createTestProbe();
    room.tell(new Room.Join(clientId, "player" + clientId, 0xFF0000FF, 0, 0, session.ref()));
    session.expectMessageClass(PlayerSession.RoomJoined.class);
    return session;
  }

  private static int drainDeltas(TestProbe<PlayerSession.Command> session) {
    int deltas = 0;
    PlayerSession.Command message;
    while ((message = pollOrNull(session)) != null) {
      deltas += message instanceof PlayerSession.RoomDelta ? 1 : 0;
    }
    return deltas;
  }

  private static PlayerSession.Command pollOrNull(TestProbe<PlayerSession.Command> session) {
    try {
      return session.receiveMessage(Duration.ofMillis(200));
    } catch (AssertionError timeout) {
      return null;
    }
  }

  @Test
  void sendsOneDeltaPerTickPeriod() throws Exception {
    ActorRef<Room.Command> room = startRoom();
    TestProbe<PlayerSession.Command> session = join(room, 1);
    for (int i = 0; i < 10; i++) {
      elapse(PERIOD);
    }
    assertEquals(10, drainDeltas(session));
  }

  @Test
  void aLateRoomCatchesUpAFewTicksAndSkipsTheRest() {
    ActorRef<Room.Command> room = startRoom();
    TestProbe<PlayerSession.Command> session = join(room, 1);
    clock.addAndGet(PERIOD.toNanos() * 10); // ten periods pass while the room's timer was held up
    elapse(PERIOD);
    assertEquals(SETTINGS.maxCatchUpTicks(), drainDeltas(session));
    elapse(PERIOD);
    assertEquals(1, drainDeltas(session), "back on schedule, no burst");
  }

  @Test
  void firstDeltaAfterJoiningIsAKeyframeWithTheNewPlayer() throws Exception {
    ActorRef<Room.Command> room = startRoom();
    TestProbe<PlayerSession.Command> session = join(room, 7);
    elapse(PERIOD);
    PlayerSession.RoomDelta delta = session.expectMessageClass(PlayerSession.RoomDelta.class);
    assertTrue(delta.keyframe());
    var message = Packet.parseFrom(delta.packet()).getWorldDelta();
    assertTrue(message.getKeyframe());
    assertEquals(7, message.getPlayers(0).getId());
    assertEquals("player7", message.getPlayers(0).getName());
  }

  @Test
  void joinsAndLeavesBetweenTicksShowInTheNextDelta() throws Exception {
    ActorRef<Room.Command> room = startRoom();
    TestProbe<PlayerSession.Command> first = join(room, 1);
    elapse(PERIOD);
    first.expectMessageClass(PlayerSession.RoomDelta.class);
    TestProbe<PlayerSession.Command> second = join(room, 2);
    room.tell(new Room.Leave(2));
    elapse(PERIOD);
    var delta = Packet.parseFrom(first.expectMessageClass(PlayerSession.RoomDelta.class).packet()).getWorldDelta();
    assertTrue(delta.getPlayersList().stream().allMatch(p -> p.getId() == 1), "the one who left is not sent");
    elapse(PERIOD);
    second.expectNoMessage(Duration.ofMillis(200));
    matchmaker.receiveSeveralMessages(3).forEach(m -> assertTrue(m instanceof Matchmaker.RoomPopulation));
  }

  @Test
  void chatGoesToTheOthersInTheRoomOnly() {
    ActorRef<Room.Command> room = startRoom();
    TestProbe<PlayerSession.Command> speaker = join(room, 1);
    TestProbe<PlayerSession.Command> listener = join(room, 2);
    room.tell(new Room.Say(1, "hello"));
    listener.expectMessage(new PlayerSession.ChatRelayed(1, "player1", "hello"));
    speaker.expectNoMessage(Duration.ofMillis(200));
  }

  // --- players whose socket is on this node: the room writes to it and takes steering directly ---

  @Test
  void aLinkedPlayersDeltasGoStraightToItsSocketOnlyOnceTheSessionOpenedTheLink() throws Exception {
    ActorRef<Room.Command> room = startRoom();
    Socket socket = new Socket(64);
    ClientLink link = new ClientLink(socket, new ServerMetrics());
    TestProbe<PlayerSession.Command> session = joinLinked(room, 7, link);
    TestProbe<PlayerSession.Command> witness = join(room, 8); // its deltas show a tick was done
    tick(witness);
    assertEquals(0, socket.frames.size(), "no delta before the client was told it joined");
    link.open(roomIds.get());
    tick(witness);
    tick(witness);
    assertEquals(2, socket.frames.size());
    assertTrue(socket.delta(0).getKeyframe(), "the first one the client gets is whole");
    assertEquals(socket.delta(0).getSeq() + 1, socket.delta(1).getSeq());
    assertEquals(0, drainDeltas(session), "nothing went through the session");
  }

  @Test
  void onlyTheLatestSteeringALinkHoldsMovesThePlayerAtTheNextTick() throws Exception {
    ActorRef<Room.Command> room = startRoom();
    Socket socket = new Socket(64);
    ClientLink link = new ClientLink(socket, new ServerMetrics());
    joinLinked(room, 7, link);
    TestProbe<PlayerSession.Command> witness = join(room, 8);
    link.open(roomIds.get());
    tick(witness);
    assertTrue(link.steer(new ClientLink.Steering(false, Math.PI, 0)));
    assertTrue(link.steer(new ClientLink.Steering(false, 0, 0))); // overwrites: east, not west
    tick(witness);
    tick(witness);
    PlayerDelta me = socket.delta(socket.frames.size() - 1).getPlayers(0);
    assertTrue(me.getSpeed() > 0, "moving: " + me);
    assertEquals(0, me.getHeading(), "heading east");
    link.close();
    assertFalse(link.steer(new ClientLink.Steering(false, 1, 0)), "a closed link takes no steering");
  }

  @Test
  void aDeltaThatFindsTheQueueFullIsDroppedAndTheNextOneIsAKeyframe() throws Exception {
    ActorRef<Room.Command> room = startRoom();
    Socket socket = new Socket(1);
    ClientLink link = new ClientLink(socket, new ServerMetrics());
    joinLinked(room, 7, link);
    TestProbe<PlayerSession.Command> witness = join(room, 8);
    link.open(roomIds.get());
    tick(witness);
    tick(witness); // finds the queue full: dropped
    socket.capacity = 2;
    tick(witness);
    assertEquals(2, socket.frames.size());
    assertTrue(socket.delta(1).getKeyframe(), "after a lost delta the client is resynchronised");
  }

  /** One tick, done: the witness (a player reached by messages) has its delta. */
  private void tick(TestProbe<PlayerSession.Command> witness) {
    elapse(PERIOD);
    witness.expectMessageClass(PlayerSession.RoomDelta.class);
  }

  private TestProbe<PlayerSession.Command> joinLinked(ActorRef<Room.Command> room, long clientId, ClientLink link) {
    TestProbe<PlayerSession.Command> session = testKit.createTestProbe();
    links.add(session.ref(), link);
    room.tell(new Room.Join(clientId, "player" + clientId, 0xFF0000FF, 0, 0, session.ref()));
    session.expectMessageClass(PlayerSession.RoomJoined.class);
    return session;
  }

  /** A socket queue that keeps what it was given, up to a capacity the test sets. */
  private static final class Socket implements BoundedSourceQueue<ByteString> {
    final List<ByteString> frames = new CopyOnWriteArrayList<>();
    volatile int capacity;

    Socket(int capacity) {
      this.capacity = capacity;
    }

    WorldDeltaMessage delta(int index) throws Exception {
      return Packet.parseFrom(frames.get(index).toArray()).getWorldDelta();
    }

    @Override
    public QueueOfferResult offer(ByteString frame) {
      if (frames.size() >= capacity) {
        return QueueOfferResult.dropped();
      }
      frames.add(frame);
      return QueueOfferResult.enqueued();
    }

    @Override
    public void complete() {}

    @Override
    public boolean isCompleted() {
      return false;
    }

    @Override
    public void fail(Throwable ex) {}

    @Override
    public int size() {
      return frames.size();
    }
  }
}
