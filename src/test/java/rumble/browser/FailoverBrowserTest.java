package rumble.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.http.TestServer;

/**
 * A two-node cluster, and a guest playing on the node that served the page, which names the other
 * node too (CLIENT_SERVER_URLS). That node stops: the client moves on to the other address by itself
 * and the player is back in a game there, as the same name and colour, without touching anything.
 */
class FailoverBrowserTest {

  /** Back in the game this soon after the first node starts stopping (it says "Server shutting down"). */
  private static final Duration FAILOVER = Duration.ofSeconds(15);
  private static final Pattern IN_GAME = Pattern.compile("\\[rumble\\] state=in_game");

  /** Node 2's port, known before node 1 starts: node 1's page lists node 2's address. */
  private static final int SECOND_PORT = freePort();
  private static final String SECOND_URL = "ws://127.0.0.1:" + SECOND_PORT + "/ws";

  /** Node 1: serves the page; the guest plays here first. */
  @RegisterExtension
  static final GodotBrowser browser = GodotBrowser.client().withConfig("rumble.http.client-server-urls", SECOND_URL);

  /** Node 2: joins node 1's cluster once the test starts it. */
  @RegisterExtension
  final TestServer second = TestServer.create().withConfig("rumble.http.port", SECOND_PORT).startedByTest();

  @Test
  void whenItsNodeStopsThePlayerIsBackInAGameOnTheOtherNode() throws Exception {
    TestServer first = browser.testServer();
    second.joining(first).start();
    first.awaitMembersUp(2);
    second.awaitMembersUp(2);
    String firstUrl = "ws://127.0.0.1:" + first.port() + "/ws";
    String secondUrl = SECOND_URL;

    // A link's ?servers= would replace the page's list; one without a valid address is ignored.
    GodotPage dora = browser.open("/?name=Dora&servers=not-an-address");
    dora.awaitConsole(Pattern.quote("ignored server address \"not-an-address\" of ?servers="));
    // The page's own node first, then the page's list.
    dora.awaitConsole(Pattern.quote("[rumble] servers: " + firstUrl + ", " + secondUrl));
    ClientFlows.awaitPlaying(dora);
    assertEquals("Connected to " + firstUrl, dora.game().path("connection").asText());
    int colour = ownBlobColour(dora);

    long stopping = System.nanoTime();
    first.stop();

    dora.awaitConsole(Pattern.quote("Connection lost: Server shutting down, trying " + secondUrl + " in"));
    dora.awaitRumble("the client in the game again", r -> inGameLines(dora) == 2);
    Duration failover = Duration.ofNanos(System.nanoTime() - stopping);
    List<String> states = dora.console().stream().map(GodotPage.ConsoleLine::text)
        .filter(text -> text.startsWith("[rumble] state=")).toList();
    assertEquals(List.of("[rumble] state=connecting", "[rumble] state=in_game", "[rumble] state=connecting",
        "[rumble] state=in_game"), states, "straight back into the game, no menu on the way");
    assertTrue(failover.compareTo(FAILOVER) < 0, "back in the game after " + failover.toMillis() + " ms");
    System.out.println("[failover] back in the game " + failover.toMillis() + " ms after the node began to stop");

    JsonNode game = dora.awaitRumble("Dora playing on the second node: her blob, her line on its leaderboard",
        r -> r.at("/game/connection").asText().equals("Connected to " + secondUrl)
            && r.at("/game/radius").asDouble() > 0 && r.at("/game/deltas").asLong() > 10
            && ownLeaderboardLine(r.at("/game/leaderboard"), "Dora"))
        .path("game");
    assertEquals("Reconnected: back in the game as Dora", game.path("notice").asText());
    int[] seen = new int[1];
    dora.awaitRumble("her blob in the colour she had", r -> {
      seen[0] = ownBlobColour(dora);
      return GodotPage.sameColor(colour, seen[0], 24);
    });
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long inGameLines(GodotPage page) {
    return page.console().stream().filter(line -> IN_GAME.matcher(line.text()).find()).count();
  }

  private static boolean ownLeaderboardLine(JsonNode leaderboard, String name) {
    for (JsonNode line : leaderboard) {
      if (line.path("name").asText().equals(name) && line.path("highlight").asBoolean()) {
        return true;
      }
    }
    return false;
  }

  /** The pixel inside the own blob, below its name (the camera keeps the blob at the centre). */
  private static int ownBlobColour(GodotPage page) {
    JsonNode game = page.game();
    double radiusOnScreen = game.path("radius").asDouble() * game.path("zoom").asDouble();
    return page.pixel((int) ClientFlows.CENTRE_X, (int) (ClientFlows.CENTRE_Y + radiusOnScreen * 0.55));
  }
}
