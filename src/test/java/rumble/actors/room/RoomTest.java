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
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
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
    RoomServices services = new RoomServices(SETTINGS, new ServerMetrics(), scores.ref(), clock::get, links,
        matchmaker.ref());
    return testKit.spawn(Room.create(roomIds.incrementAndGet(), 42, services, null));
  }

  /** Moves the room's clock and Pekko's scheduler forward together. */
  private void elapse(Duration duration) {
    clock.addAndGet(duration.toNanos());
    manualTime.timePasses(duration);
  }

  private TestProbe<Room.Event> join(ActorRef<Room.Command> room, long clientId) {
    TestProbe<Room.Event> player = testKit.createTestProbe();
    room.tell(new Room.Join(clientId, "player" + clientId, 0xFF0000FF, 0, 0, player.ref()));
    player.expectMessageClass(Room.Joined.class);
    return player;
  }

  private static int drainDeltas(TestProbe<Room.Event> player) {
    int deltas = 0;
    Room.Event message;
    while ((message = pollOrNull(player)) != null) {
      deltas += message instanceof Room.Delta ? 1 : 0;
    }
    return deltas;
  }

  private static Room.Event pollOrNull(TestProbe<Room.Event> player) {
    try {
      return player.receiveMessage(Duration.ofMillis(200));
    } catch (AssertionError timeout) {
      return null;
    }
  }

  @Test
  void sendsOneDeltaPerTickPeriod() throws Exception {
    ActorRef<Room.Command> room = startRoom();
    TestProbe<Room.Event> player = join(room, 1);
    for (int i = 0; i < 10; i++) {
      elapse(PERIOD);
    }
    assertEquals(10, drainDeltas(player));
  }

  @Test
  void aLateRoomCatchesUpAFewTicksAndSkipsTheRest() {
    ActorRef<Room.Command> room = startRoom();
    TestProbe<Room.Event> player = join(room, 1);
    clock.addAndGet(PERIOD.toNanos() * 10); // ten periods pass while the room's timer was held up
    elapse(PERIOD);
    assertEquals(SETTINGS.maxCatchUpTicks(), drainDeltas(player));
    elapse(PERIOD);
    assertEquals(1, drainDeltas(player), "back on schedule, no burst");
  }

  @Test
  void firstDeltaAfterJoiningIsAKeyframeWithTheNewPlayer() throws Exception {
    ActorRef<Room.Command> room = startRoom();
    TestProbe<Room.Event> player = join(room, 7);
    elapse(PERIOD);
    Room.Delta delta = player.expectMessageClass(Room.Delta.class);
    assertTrue(delta.keyframe());
    var message = Packet.parseFrom(delta.packet()).getWorldDelta();
    assertTrue(message.getKeyframe());
    assertEquals(7, message.getPlayers(0).getId());
    assertEquals("player7", message.getPlayers(0).getName());
  }

  @Test
  void joinsAndLeavesBetweenTicksShowInTheNextDelta() throws Exception {
    ActorRef<Room.Command> room = startRoom();
    TestProbe<Room.Event> first = join(room, 1);
    elapse(PERIOD);
    first.expectMessageClass(Room.Delta.class);
    TestProbe<Room.Event> second = join(room, 2);
    room.tell(new Room.Leave(2));
    elapse(PERIOD);
    var delta = Packet.parseFrom(first.expectMessageClass(Room.Delta.class).packet()).getWorldDelta();
    assertTrue(delta.getPlayersList().stream().allMatch(p -> p.getId() == 1), "the one who left is not sent");
    elapse(PERIOD);
    second.expectNoMessage(Duration.ofMillis(200));
    matchmaker.receiveSeveralMessages(3).forEach(m -> assertTrue(m instanceof Matchmaker.RoomPopulation));
  }

  @Test
  void chatGoesToTheOthersInTheRoomOnly() {
    ActorRef<Room.Command> room = startRoom();
    TestProbe<Room.Event> speaker = join(room, 1);
    TestProbe<Room.Event> listener = join(room, 2);
    room.tell(new Room.Say(1, "hello"));
    listener.expectMessage(new Room.ChatLine(1, "player1", "hello"));
    speaker.expectNoMessage(Duration.ofMillis(200));
  }

  // --- players whose socket is on this node: the room writes to it and takes steering directly ---

  @Test
  void aLinkedPlayersDeltasGoStraightToItsSocketOnlyOnceTheSessionOpenedTheLink() throws Exception {
    ActorRef<Room.Command> room = startRoom();
    Socket socket = new Socket(64);
    ClientLink link = new ClientLink(socket, new ServerMetrics());
    TestProbe<Room.Event> player = joinLinked(room, 7, link);
    TestProbe<Room.Event> witness = join(room, 8); // its deltas show a tick was done
    tick(witness);
    assertEquals(0, socket.frames.size(), "no delta before the client was told it joined");
    link.open(roomIds.get());
    tick(witness);
    tick(witness);
    assertEquals(2, socket.frames.size());
    assertTrue(socket.delta(0).getKeyframe(), "the first one the client gets is whole");
    assertEquals(socket.delta(0).getSeq() + 1, socket.delta(1).getSeq());
    assertEquals(0, drainDeltas(player), "nothing came as a message");
  }

  @Test
  void onlyTheLatestSteeringALinkHoldsMovesThePlayerAtTheNextTick() throws Exception {
    Linked linked = openLinkedPlayer(new Socket(64));
    Socket socket = linked.socket();
    ClientLink link = linked.link();
    TestProbe<Room.Event> witness = linked.witness();
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
    Linked linked = openLinkedPlayer(new Socket(1));
    Socket socket = linked.socket();
    TestProbe<Room.Event> witness = linked.witness();
    tick(witness);
    tick(witness); // finds the queue full: dropped
    socket.capacity = 2;
    tick(witness);
    assertEquals(2, socket.frames.size());
    assertTrue(socket.delta(1).getKeyframe(), "after a lost delta the client is resynchronised");
  }

  // --- a player as a session is: an actor of another protocol, hearing the room through an adapter ---

  @Test
  void aPlayerJoinedThroughAMessageAdapterGetsItsSocketAndLeavesWhenItsActorStops() throws Exception {
    ActorRef<Room.Command> room = startRoom();
    Socket socket = new Socket(64);
    ClientLink link = new ClientLink(socket, new ServerMetrics());
    TestProbe<Room.Event> heard = testKit.createTestProbe();
    ActorRef<Object> player = testKit.spawn(adaptingPlayer(room, 7, link, heard.ref()));
    // The join was serialized on its way (serialize-messages): the adapter ref still finds the link.
    heard.expectMessageClass(Room.Joined.class);
    TestProbe<Room.Event> witness = join(room, 8);
    link.open(roomIds.get());
    tick(witness);
    assertEquals(1, socket.frames.size(), "the room wrote into the adapter's socket");

    matchmaker.fishForMessage(Duration.ofSeconds(5), m -> m instanceof Matchmaker.RoomPopulation p
        && p.players() == 2 ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    player.tell("stop");
    matchmaker.fishForMessage(Duration.ofSeconds(5), m -> m instanceof Matchmaker.RoomPopulation p
        && p.players() == 1 ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    tick(witness);
    tick(witness);
    assertEquals(1, socket.frames.size(), "a player whose actor stopped is out of the room: nothing more is sent");
    assertEquals(0, drainDeltas(heard), "nor as messages");
  }

  /**
   * Joins as a session does: its own protocol ({@code Object} here), one adapter for the room's
   * events made at setup, and its link registered under that adapter. Events go on to {@code heard};
   * any other message stops it.
   */
  private Behavior<Object> adaptingPlayer(ActorRef<Room.Command> room, long clientId, ClientLink link,
      ActorRef<Room.Event> heard) {
    return Behaviors.setup(context -> {
      ActorRef<Room.Event> adapter = context.messageAdapter(Room.Event.class, event -> event);
      links.add(adapter, clientId, link);
      room.tell(new Room.Join(clientId, "player" + clientId, 0xFF0000FF, 0, 0, adapter));
      return Behaviors.receiveMessage(message -> {
        if (message instanceof Room.Event event) {
          heard.tell(event);
          return Behaviors.same();
        }
        return Behaviors.stopped();
      });
    });
  }

  /** Player 7 on a socket of this node, its link open, and player 8 (reached by messages) as the tick witness. */
  private record Linked(Socket socket, ClientLink link, TestProbe<Room.Event> witness) {}

  private Linked openLinkedPlayer(Socket socket) {
    ActorRef<Room.Command> room = startRoom();
    ClientLink link = new ClientLink(socket, new ServerMetrics());
    joinLinked(room, 7, link);
    TestProbe<Room.Event> witness = join(room, 8);
    link.open(roomIds.get());
    return new Linked(socket, link, witness);
  }

  /** One tick, done: the witness (a player reached by messages) has its delta. */
  private void tick(TestProbe<Room.Event> witness) {
    elapse(PERIOD);
    witness.expectMessageClass(Room.Delta.class);
  }

  private TestProbe<Room.Event> joinLinked(ActorRef<Room.Command> room, long clientId, ClientLink link) {
    TestProbe<Room.Event> player = testKit.createTestProbe();
    links.add(player.ref(), clientId, link);
    room.tell(new Room.Join(clientId, "player" + clientId, 0xFF0000FF, 0, 0, player.ref()));
    player.expectMessageClass(Room.Joined.class);
    return player;
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
