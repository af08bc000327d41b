package rumble.http;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rooms as an operator sees them on /metrics: they run while played in and stop once left empty. */
class RoomLifecycleIntegrationTest {

  @TempDir static Path dataDir;
  static GameServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dataDir, Map.of(
        "rumble.game.world.half-size", 500,
        "rumble.game.spores.target", 100,
        "rumble.game.room.empty-timeout", "1s"));
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  @Test
  void aShortGameShowsOnTheMetrics() throws Exception {
    try (GameClient mia = GameClient.guest(server, "mia");
        GameClient ned = GameClient.guest(server, "ned")) {
      mia.assertInRoomWith(ned);
      String room = String.valueOf(mia.world.roomId());
      mia.steer(1.0);
      // The per-player samples are taken once a second, so play until this game's are in.
      double sampled = TestServer.metricOr(0, TestServer.scrape(server), "rumble_view_entities_count");
      String scrape = TestServer.awaitMetric(server, "a second of play sampled", count -> count >= sampled + 2,
          "rumble_view_entities_count");
      assertTrue(TestServer.metricOr(0, scrape, "rumble_rooms") >= 1, "a room is running");
      assertTrue(TestServer.metricOr(0, scrape, "rumble_room_players", "room", room) == 2, "two players in it");
      assertTrue(TestServer.metric(scrape, "rumble_tick_seconds", "quantile", "0.99").isPresent());
      assertTrue(TestServer.metricOr(0, scrape, "rumble_tick_seconds_max") > 0, "ticks were timed");
      assertTrue(TestServer.metricOr(0, scrape, "rumble_tick_seconds_count") >= 20, "a second of ticks");
      assertTrue(TestServer.metric(scrape, "rumble_tick_overruns_total").isPresent());
      assertTrue(TestServer.metricOr(0, scrape, "rumble_player_delta_bytes_per_second_count") >= 2);
      assertTrue(TestServer.metric(scrape, "rumble_player_delta_bytes_per_second", "quantile", "0.99").isPresent());
      assertTrue(TestServer.metricOr(0, scrape, "rumble_player_delta_bytes_per_second_sum") > 0,
          "deltas were sent");
      assertTrue(TestServer.metricOr(0, scrape, "rumble_view_entities_sum") >= 2, "each sees at least itself");
      assertTrue(TestServer.metric(scrape, "rumble_view_entities", "quantile", "0.99").isPresent());
    }
  }

  @Test
  void anEmptyRoomStopsAndTheNextPlayerGetsANewOne() throws Exception {
    long firstRoom;
    try (GameClient olga = GameClient.guest(server, "olga")) {
      firstRoom = olga.world.roomId();
      TestServer.awaitMetric(server, "olga's room running", players -> players == 1, "rumble_room_players",
          "room", String.valueOf(firstRoom));
    }
    TestServer.awaitMetricGone(server, "olga's room stopped", "rumble_room_players",
        "room", String.valueOf(firstRoom));
    TestServer.awaitMetric(server, "no room left", rooms -> rooms == 0, "rumble_rooms");

    try (GameClient pia = GameClient.guest(server, "pia")) {
      assertNotEquals(firstRoom, pia.world.roomId(), "a new room for the next player");
      TestServer.awaitMetric(server, "pia's room running", rooms -> rooms == 1, "rumble_rooms");
      pia.pumpDeltas(5);
    }
  }
}
