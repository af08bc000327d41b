package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.protocol.GuestLoginRequestMessage;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/**
 * Issue 8, Why 3: a burst of registrations (bcrypt) used to fill the pool every database call and the
 * readiness probe shared: /health/ready timed out with 503 "database: down" and guest joins waited
 * seconds. Password hashing now has its own bounded pool, and each address only a few registrations
 * a minute. That limit (a few accepted, the rest told how long to wait, a neighbour unaffected) is
 * checked by {@code suite accounts} (rumble.suite.AccountsSuiteTest).
 */
class RegistrationBurstIntegrationTest {

  private static final String SERVER_BUSY = "Server busy, try again in a moment";

  @RegisterExtension
  final TestServer server = TestServer.create().startedByTest();

  @Test
  void readinessAndGuestJoinsStayQuickWhileAHundredRegistrationsAreInFlight() throws Exception {
    server.start();
    List<TestClient> registering = new ArrayList<>();
    try (TestClient warmUp = TestClient.connect(server.port()); TestClient guest = TestClient.connect(server.port())) {
      joinAsGuest(warmUp); // the room exists before the burst: only the burst is measured
      for (int i = 0; i < 100; i++) {
        registering.add(TestClient.connect(server.port()));
      }
      for (TestClient client : registering) {
        client.register(Names.fresh("Burst"), "correct horse", 0x123456FF);
      }

      long start = System.nanoTime();
      guest.send(Packet.newBuilder().setGuestLoginRequest(GuestLoginRequestMessage.newBuilder()
          .setNickname(Names.fresh("Guest")).setColor(0x336699FF)).build());
      HttpResponse<String> ready = Http.get(server.port(), "/health/ready");
      long readyMillis = (System.nanoTime() - start) / 1_000_000;
      guest.expect(MsgCase.OK_RESPONSE);
      guest.expect(MsgCase.JOINED_ROOM);
      long joinMillis = (System.nanoTime() - start) / 1_000_000;
      System.out.printf("registration burst: /health/ready %d ms (%d), guest join %d ms%n",
          readyMillis, ready.statusCode(), joinMillis);
      assertEquals(200, ready.statusCode(), ready.body());
      assertTrue(readyMillis < 1500, "/health/ready took " + readyMillis + " ms during the burst");
      assertTrue(joinMillis < 1500, "a guest join took " + joinMillis + " ms during the burst");

      // Every registration got an answer: done, or told plainly that the server is busy.
      int ok = 0;
      int busy = 0;
      for (TestClient client : registering) {
        Packet answer = client.next();
        if (answer.getMsgCase() == MsgCase.OK_RESPONSE) {
          ok++;
        } else {
          assertEquals(SERVER_BUSY, answer.getDenyResponse().getReason(), answer::toString);
          busy++;
        }
      }
      System.out.printf("registration burst: %d registered, %d told the server is busy%n", ok, busy);
      assertTrue(ok > 0, "some registrations went through");
      assertTrue(busy > 0, "a full hashing queue answers 'Server busy' instead of queueing without end");
      assertEquals(busy, server.scrape().value("rumble_rejected_inputs_total", "reason", "server_busy"));
    } finally {
      registering.forEach(TestClient::close);
    }
  }

  private static void joinAsGuest(TestClient client) throws Exception {
    client.send(Packet.newBuilder().setGuestLoginRequest(GuestLoginRequestMessage.newBuilder()
        .setNickname(Names.fresh("Guest")).setColor(0x336699FF)).build());
    client.expect(MsgCase.OK_RESPONSE);
    client.expect(MsgCase.JOINED_ROOM);
  }
}
