package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client cannot dodge the per-address login throttle by claiming other addresses. */
class ForwardedForIntegrationTest {

  @RegisterExtension
  final TestServer server = TestServer.create()
      .withConfig("rumble.accounts.login-backoff.per-address-burst", 2)
      .withConfig("rumble.accounts.login-backoff.per-address-per-minute", 1);

  @Test
  void forgedForwardedForHeadersDoNotResetThePerAddressThrottle() throws Exception {
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
  }
}
