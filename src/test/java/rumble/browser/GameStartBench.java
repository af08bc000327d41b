package rumble.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whether entering the game stalls, not part of the test suite: {@code mvn -q test -Dtest=GameStartBench
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.runs=5] [-Dbench.throttle=4]} (throttle: Chromium's CPU
 * slowdown, to stand in for a busy machine). Each run is a fresh Chromium that joins
 * with {@code ?name=} straight from the page load; after 5 s in the game it reports how many deltas
 * a catch-up skipped (a first in-game frame that stalls for over a second skips about 20), the
 * keyframes, and when the state changed and the first delta was applied (console times).
 */
class GameStartBench {

  private static final int THROTTLE = Integer.getInteger("bench.throttle", 1);
  /** Records frame gaps over 50 ms (performance.now() at the frame, gap) and when the game began. */
  private static final String FRAME_GAPS = """
      window.__gaps = [];
      (function () {
        let last = 0;
        const tick = (now) => {
          if (last && now - last > 50) { window.__gaps.push([now, now - last]); }
          last = now;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
        const log = console.log;
        console.log = function (...args) {
          if (!window.__inGameAt && String(args[0]).includes('state=in_game')) {
            window.__inGameAt = performance.now();
          }
          return log.apply(this, args);
        };
      })();
      """;

  @RegisterExtension
  static final GodotBrowser browser = GodotBrowser.client();

  @Test
  void gameStart() throws Exception {
    int runs = Integer.getInteger("bench.runs", 5);
    List<Long> dropped = new ArrayList<>();
    List<String> gapsAll = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      try (Chromium chromium = Chromium.launch()) {
        var context = chromium.browser().newContext(new Browser.NewContextOptions()
            .setViewportSize(GodotBrowser.WIDTH, GodotBrowser.HEIGHT));
        GodotPage page = new GodotPage(context, browser.url("/?name=Starter" + i), FRAME_GAPS);
        if (THROTTLE > 1) {
          JsonObject rate = new JsonObject();
          rate.addProperty("rate", THROTTLE);
          context.newCDPSession(page.page()).send("Emulation.setCPUThrottlingRate", rate);
        }
        ClientFlows.awaitPlaying(page);
        page.page().waitForTimeout(5000);
        Object gaps = page.page().evaluate("() => { const t = window.__inGameAt || 0;"
            + " return window.__gaps.filter(g => g[0] >= t && g[0] < t + 3000)"
            + ".map(g => Math.round(g[1])); }");
        gapsAll.add(String.valueOf(gaps));
        JsonNode game = page.game();
        long inGameAt = -1;
        String caughtUp = "";
        for (GodotPage.ConsoleLine line : page.console()) {
          if (inGameAt < 0 && line.text().contains("state=in_game")) {
            inGameAt = line.at().toMillis();
          }
          if (Pattern.compile("caught up").matcher(line.text()).find()) {
            caughtUp += " [" + line.at().toMillis() + " ms: " + line.text() + "]";
          }
        }
        dropped.add(game.path("dropped_deltas").asLong());
        System.out.printf("[bench] run %d: in_game at %d ms, dropped_deltas %d, keyframes %d, keyframe_requests %d,"
                + " seq_gaps %d, deltas %d, frames over 50 ms in the first 3 s in game (ms): %s%s%n", i + 1, inGameAt, game.path("dropped_deltas").asLong(),
            game.path("keyframes").asInt(), game.path("keyframe_requests").asInt(), game.path("seq_gaps").asInt(),
            game.path("deltas").asInt(), gapsAll.get(i), caughtUp);
        page.close();
      }
    }
    System.out.printf("[bench] dropped_deltas at game start over %d runs (CPU throttle %d): %s; long frames %s%n",
        runs, THROTTLE, dropped, gapsAll);
  }
}
