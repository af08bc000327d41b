package rumble.actors.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
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
  private final ActorRef<Matchmaker.Command> matchmaker = testKit.spawn(Matchmaker.create(
      new RoomServices(SETTINGS, new ServerMetrics(), scores.ref(), System::nanoTime, new ClientLinks())));

  private Room.Joined find(long clientId, TestProbe<Room.Event> player) {
    matchmaker.tell(new Matchmaker.FindRoom(new Room.Join(clientId, "p" + clientId, 1, 0, 0, player.ref())));
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
}
