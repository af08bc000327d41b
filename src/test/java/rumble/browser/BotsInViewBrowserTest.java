package rumble.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.loadtest.LoadTestCommand;

/**
 * The browser client in a room with 100 load-tester bots: it keeps up with every delta for 30 s
 * (no seq gap, ~20 deltas a second), shows the bots around it, and leaves a screenshot of the scene
 * in {@code target/browser-screenshots/} for people to look at.
 */
class BotsInViewBrowserTest {

  private static final int BOTS = 100;
  private static final int SECONDS = 30;

  /** One room for everyone, in a world small enough that many bots are in view. */
  @RegisterExtension
  static final GodotBrowser browser = GodotBrowser.client()
      .withConfig("rumble.game.room.capacity", 200)
      .withConfig("rumble.game.world.half-size", 1200);

  @Test
  void theClientKeepsUpWithAHundredBotsForThirtySeconds() throws Exception {
    StringWriter report = new StringWriter();
    CompletableFuture<Integer> bots = CompletableFuture.supplyAsync(() -> LoadTestCommand.run(
        new PrintWriter(report), new PrintWriter(report),
        "--url", "ws://127.0.0.1:" + browser.server().port() + "/ws",
        "--players", String.valueOf(BOTS), "--ramp", "50/s", "--duration", (SECONDS + 25) + "s",
        "--chat-every", "10s", "--seed", "7"));

    GodotPage page = browser.open("/?name=Watcher");
    ClientFlows.awaitPlaying(page);
    page.awaitRumble("bots in view", r -> r.at("/game/players_in_view").asInt() >= 10);

    JsonNode start = page.game();
    long startDeltas = start.path("deltas").asLong();
    long startSkipped = start.path("dropped_deltas").asLong();
    int startGaps = start.path("seq_gaps").asInt();
    page.page().waitForTimeout(SECONDS * 1000.0);
    JsonNode end = page.game();

    Path shots = Path.of("target", "browser-screenshots");
    Files.createDirectories(shots);
    page.screenshot(shots.resolve("bots-in-view.png"));
    long applied = end.path("deltas").asLong() - startDeltas;
    long skipped = end.path("dropped_deltas").asLong() - startSkipped;
    System.out.printf("[bots-in-view] %d deltas applied and %d skipped on catch-up in %d s, %d seq gaps,"
            + " %d players and %d spores in view, decode+apply %.1f µs per delta, frame %.1f ms, fps %s%n",
        applied, skipped, SECONDS, end.path("seq_gaps").asInt() - startGaps,
        end.path("players_in_view").asInt(), end.path("spores_in_view").asInt(),
        end.path("decode_us_per_delta").asDouble(), end.path("frame_ms").asDouble(), end.path("fps"));

    assertEquals(startGaps, end.path("seq_gaps").asInt(), "no delta lost while 100 bots played: " + end);
    // A slow frame (software rendering on a busy machine) makes the client skip a backlog of deltas
    // and resync with a keyframe, by design; every delta must still have arrived, in order.
    assertTrue(applied + skipped >= SECONDS * 20 * 0.9, "kept up with the 20 Hz tick: " + applied
        + " applied + " + skipped + " skipped in " + SECONDS + " s: " + end);
    assertTrue(applied >= SECONDS * 20 / 2, "most deltas were applied, not skipped: " + end);
    assertEquals("in_game", page.state());

    assertEquals(LoadTestCommand.EXIT_OK, bots.get(SECONDS + 60, TimeUnit.SECONDS), report::toString);
  }
}
