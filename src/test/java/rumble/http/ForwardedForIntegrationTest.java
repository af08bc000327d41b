package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client cannot dodge the per-address login throttle by claiming other addresses. */
class ForwardedForIntegrationTest {

  @TempDir Path dataDir;

  @Test
  void forgedForwardedForHeadersDoNotResetThePerAddressThrottle() throws Exception {
    GameServer server = TestServer.start(dataDir, Map.of(
        "rumble.accounts.login-backoff.per-address-burst", 2,
        "rumble.accounts.login-backoff.per-address-per-minute", 1));
    try {
      for (int attempt = 1; attempt <= 3; attempt++) {
        try (TestClient client = TestClient.connect(server.port(),
            Map.of("X-Forwarded-For", "198.51.100." + attempt))) {
          client.login("nobody" + attempt, "wrong password");
          String answer = client.expectDeny();
          if (attempt <= 2) {
            assertEquals("Incorrect username or password", answer);
          } else {
            assertTrue(answer.startsWith("Too many failed login attempts"), answer);
          }
        }
      }
    } finally {
      server.stop();
    }
  }
}
