package rumble.http;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rooms as an operator sees them on /metrics: they run while played in and stop once left empty. */
class RoomLifecycleIntegrationTest {

  @RegisterExtension
  static final TestServer server = TestServer.create()
      .withConfig("rumble.game.world.half-size", 500)
      .withConfig("rumble.game.spores.target", 100)
      .withConfig("rumble.game.room.empty-timeout", "1s");

  @Test
  void aShortGameShowsOnTheMetrics() throws Exception {
    try (GameClient mia = GameClient.guest(server, "mia");
        GameClient ned = GameClient.guest(server, "ned")) {
      mia.assertInRoomWith(ned);
      String room = String.valueOf(mia.world.roomId());
      mia.steer(1.0);
      // The per-player samples are taken once a second, so play until this game's are in.
      double sampled = server.scrape().value("rumble_view_entities_count");
      Scrape scrape = server.awaitMetric("a second of play sampled", count -> count >= sampled + 2,
          "rumble_view_entities_count");
      assertTrue(scrape.value("rumble_rooms") >= 1, "a room is running");
      assertTrue(scrape.value("rumble_room_players", "room", room) == 2, "two players in it");
      assertTrue(scrape.metric("rumble_tick_seconds", "quantile", "0.99").isPresent());
      assertTrue(scrape.value("rumble_tick_seconds_max") > 0, "ticks were timed");
      assertTrue(scrape.value("rumble_tick_seconds_count") >= 20, "a second of ticks");
      assertTrue(scrape.metric("rumble_tick_overruns_total").isPresent());
      assertTrue(scrape.value("rumble_player_delta_bytes_per_second_count") >= 2);
      assertTrue(scrape.metric("rumble_player_delta_bytes_per_second", "quantile", "0.99").isPresent());
      assertTrue(scrape.value("rumble_player_delta_bytes_per_second_sum") > 0,
          "deltas were sent");
      assertTrue(scrape.value("rumble_view_entities_sum") >= 2, "each sees at least itself");
      assertTrue(scrape.metric("rumble_view_entities", "quantile", "0.99").isPresent());
    }
  }

  @Test
  void anEmptyRoomStopsAndTheNextPlayerGetsANewOne() throws Exception {
    long firstRoom;
    try (GameClient olga = GameClient.guest(server, "olga")) {
      firstRoom = olga.world.roomId();
      server.awaitMetric("olga's room running", players -> players == 1, "rumble_room_players",
          "room", String.valueOf(firstRoom));
    }
    server.awaitMetricGone("olga's room stopped", "rumble_room_players",
        "room", String.valueOf(firstRoom));
    server.awaitMetric("no room left", rooms -> rooms == 0, "rumble_rooms");

    try (GameClient pia = GameClient.guest(server, "pia")) {
      assertNotEquals(firstRoom, pia.world.roomId(), "a new room for the next player");
      server.awaitMetric("pia's room running", rooms -> rooms == 1, "rumble_rooms");
      pia.pumpDeltas(5);
    }
  }
}
