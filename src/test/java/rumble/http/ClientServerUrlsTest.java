package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CLIENT_SERVER_URLS: what is accepted, the startup error for the rest, and how the host page hands
 * the list to the engine (the client's {@code --servers=}; {@code FailoverBrowserTest} follows it
 * into the client).
 */
class ClientServerUrlsTest {

  @Test
  void blankMeansThePagesOwnServerOnly() {
    assertEquals(List.of(), ClientRoutes.serverUrls(""));
    assertEquals(List.of(), ClientRoutes.serverUrls("  "));
    assertEquals("[]", HostPage.engineArgs(List.of()));
  }

  @Test
  void aCommaSeparatedListOfWebSocketUrls() {
    assertEquals(List.of("wss://node1.example/ws", "ws://10.0.0.6:8080/ws", "WSS://[::1]:443/ws"),
        ClientRoutes.serverUrls("wss://node1.example/ws, ws://10.0.0.6:8080/ws ,WSS://[::1]:443/ws"));
  }

  @Test
  void anythingElseFailsNamingTheVariable() {
    for (String bad : List.of("node1:8080", "http://node1/ws", "ws://", "ws:///ws", "ws://a/ws,,ws://b/ws",
        "ws://a b/ws", "ws://a/<script>")) {
      IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
          () -> ClientRoutes.serverUrls(bad), bad);
      assertTrue(error.getMessage().startsWith("CLIENT_SERVER_URLS"), error.getMessage());
    }
  }

  @Test
  void theHostPageGivesTheListToTheClientAsItsUserArgument() {
    assertEquals("['--', '--servers=ws://a:8080/ws,wss://b.example/ws']",
        HostPage.engineArgs(List.of("ws://a:8080/ws", "wss://b.example/ws")));
    // A quote is legal in a URL but must not end the script's string.
    assertEquals("['--', '--servers=ws://a/it\\u0027s']", HostPage.engineArgs(ClientRoutes.serverUrls("ws://a/it's")));
  }

  @Test
  void aServerWithABadListDoesNotStart() throws Exception {
    try (TestServer server = TestServer.create().withConfig("rumble.http.client-server-urls", "node2:8080")
        .startedByTest()) {
      IllegalArgumentException error = assertThrows(IllegalArgumentException.class, server::start);
      assertTrue(error.getMessage().contains("CLIENT_SERVER_URLS"), error.getMessage());
    }
  }
}
