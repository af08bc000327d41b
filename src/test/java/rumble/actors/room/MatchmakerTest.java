package rumble.actors.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import rumble.actors.link.ClientLinks;
import rumble.actors.metrics.ServerMetrics;
import rumble.actors.score.ScoreKeeper;

class MatchmakerTest {

  private static final Config CONFIG = ConfigFactory.parseMap(Map.of(
          "rumble.game.room.capacity", 2, "rumble.game.room.empty-timeout", "30s"))
      .withFallback(ManualTime.config())
      .withFallback(ConfigFactory.parseResources("application-test.conf"))
      .withFallback(ConfigFactory.load()).resolve();
  private static final ActorTestKit testKit = ActorTestKit.create(CONFIG);
  private static final ManualTime manualTime = ManualTime.get(testKit.system());
  private static final RoomSettings SETTINGS = RoomSettings.fromConfig(CONFIG.getConfig("rumble.game"));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private final TestProbe<ScoreKeeper.Command> scores = testKit.createTestProbe();
  /** Rooms by id, spawned on first use (what sharding does in a server). */
  private final Map<Integer, ActorRef<Room.Command>> rooms = new ConcurrentHashMap<>();
  private final AtomicReference<ActorRef<Matchmaker.Command>> current = new AtomicReference<>();
  /** What a singleton proxy is in a server: one ref that reaches whichever matchmaker runs now. */
  private final ActorRef<Matchmaker.Command> proxy = testKit.spawn(Behaviors.receiveMessage(command -> {
    current.get().tell(command);
    return Behaviors.same();
  }));
  private final ActorRef<Matchmaker.Command> matchmaker = startMatchmaker();

  private ActorRef<Matchmaker.Command> startMatchmaker() {
    ActorRef<Matchmaker.Command> started = testKit.spawn(Matchmaker.create(SETTINGS, this::room));
    current.set(started);
    return started;
  }

  private ActorRef<Room.Command> room(int roomId) {
    return rooms.computeIfAbsent(roomId, id -> {
      RoomServices services = new RoomServices(SETTINGS, new ServerMetrics(), scores.ref(), System::nanoTime,
          new ClientLinks(), proxy);
      return testKit.spawn(Room.create(id, 42, services, null));
    });
  }

  private Room.Joined find(long clientId, TestProbe<Room.Event> player) {
    return find(matchmaker, clientId, player, 0, false);
  }

  private Room.Joined find(ActorRef<Matchmaker.Command> matchmaker, long clientId, TestProbe<Room.Event> player,
      int previousRoom, boolean previousLost) {
    matchmaker.tell(new Matchmaker.FindRoom(new Room.Join(clientId, "p" + clientId, 1, 0, 0, player.ref()),
        previousRoom, previousLost));
    return player.fishForMessage(Duration.ofSeconds(5), m -> m instanceof Room.Joined
        ? FishingOutcomes.complete()
        : FishingOutcomes.continueAndIgnore())
        .stream().map(Room.Joined.class::cast).findFirst().orElseThrow();
  }

  @Test
  void fillsTheFullestRoomThenOpensANewOneAndStopsRoomsThatStayEmpty() {
    TestProbe<Room.Event> a = testKit.createTestProbe();
    TestProbe<Room.Event> b = testKit.createTestProbe();
    TestProbe<Room.Event> c = testKit.createTestProbe();
    Room.Joined first = find(1, a);
    Room.Joined second = find(2, b);
    assertEquals(first.roomId(), second.roomId(), "the fullest room with a free seat is chosen");
    Room.Joined third = find(3, c);
    assertNotEquals(first.roomId(), third.roomId(), "capacity 2: the third player opens a new room");

    TestProbe<Object> watcher = testKit.createTestProbe();
    third.room().tell(new Room.Leave(3));
    watcher.expectNoMessage(Duration.ofMillis(100));
    manualTime.timePasses(Duration.ofSeconds(31));
    watcher.expectTerminated(third.room(), Duration.ofSeconds(5));
    first.room().tell(new Room.Leave(1)); // room one still has player 2: it keeps running
    manualTime.timePasses(Duration.ofSeconds(31));
    Room.Joined fourth = find(4, a);
    assertEquals(first.roomId(), fourth.roomId());
  }

  @Test
  void aPlayerWhoseRoomStoppedUnderItGoesBackToThatRoomEvenWhenItLooksFull() {
    TestProbe<Room.Event> a = testKit.createTestProbe();
    TestProbe<Room.Event> b = testKit.createTestProbe();
    Room.Joined first = find(11, a);
    find(12, b);
    // The room moved (its node left): its players come back to it, though the count still has them.
    Room.Joined back = find(matchmaker, 11, a, first.roomId(), false);
    assertEquals(first.roomId(), back.roomId());
  }

  @Test
  void aMatchmakerThatMovedLearnsTheRunningRoomsFromTheirReportsAndNeverReusesTheirIds() {
    TestProbe<Room.Event> a = testKit.createTestProbe();
    Room.Joined running = find(21, a);
    // The singleton moved to another node: a new matchmaker, and the rooms now report to it.
    ActorRef<Matchmaker.Command> moved = startMatchmaker();
    manualTime.timePasses(Duration.ofSeconds(2)); // a room reports every second
    TestProbe<Room.Event> b = testKit.createTestProbe();
    Room.Joined joined = find(moved, 22, b, 0, false);
    assertEquals(running.roomId(), joined.roomId(), "the running room has a free seat: it is filled first");
    TestProbe<Room.Event> c = testKit.createTestProbe();
    Room.Joined opened = find(moved, 23, c, 0, false);
    assertTrue(opened.roomId() > running.roomId(), "a new room gets an id no running room has");
  }

  @Test
  void thePlayersOfALostRoomGoOnTogetherInOneNewRoomAndNobodyElseIsSentToTheLostOne() {
    TestProbe<Room.Event> a = testKit.createTestProbe();
    TestProbe<Room.Event> b = testKit.createTestProbe();
    Room.Joined lost = find(31, a);
    find(32, b);
    // Their room's node died: each asks, with the lost room's id, in its own time.
    Room.Joined aAgain = find(matchmaker, 31, a, lost.roomId(), true);
    Room.Joined bAgain = find(matchmaker, 32, b, lost.roomId(), true);
    assertNotEquals(lost.roomId(), aAgain.roomId(), "a lost room is replaced, not rejoined");
    assertEquals(aAgain.roomId(), bAgain.roomId(), "its players stay together");
    TestProbe<Room.Event> newcomer = testKit.createTestProbe();
    assertNotEquals(lost.roomId(), find(33, newcomer).roomId(), "a lost room gets no new players");
  }
}
