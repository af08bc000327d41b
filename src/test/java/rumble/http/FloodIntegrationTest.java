package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.protocol.GuestLoginRequestMessage;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;
import rumble.protocol.PlayerDirectionMessage;

/**
 * Two clients flood the server with frames as fast as they can while three others play: the players
 * keep getting their world deltas, and the flooders are told "Sending too fast" and closed within
 * about a second of starting (with the default budget, 60 frames/s, burst 120). Before the budget
 * was enforced in the socket's stream they were never closed, and every frame was decoded and handed
 * to their session on the rooms' dispatcher.
 */
class FloodIntegrationTest {

  private static final int TICK_HZ = 20;
  private static final Duration MEASURED = Duration.ofSeconds(3);

  @RegisterExtension
  static final TestServer server = TestServer.create();

  private static TestClient guest(String name) throws Exception {
    TestClient client = TestClient.connect(server.port());
    client.send(Packet.newBuilder().setGuestLoginRequest(GuestLoginRequestMessage.newBuilder()
        .setNickname(name).setColor(0xFF00FF00)).build());
    client.expect(MsgCase.OK_RESPONSE);
    client.expect(MsgCase.JOINED_ROOM);
    return client;
  }

  /** Counts one player's deltas from now on in its own thread. */
  private static Thread counter(TestClient player, AtomicInteger deltas, long untilNanos) {
    Thread thread = new Thread(() -> {
      try {
        while (System.nanoTime() < untilNanos) {
          Packet packet = player.poll(Duration.ofMillis(50));
          if (packet != null && packet.getMsgCase() == MsgCase.WORLD_DELTA) {
            deltas.incrementAndGet();
          }
        }
      } catch (InterruptedException stop) {
        Thread.currentThread().interrupt();
      }
    });
    thread.start();
    return thread;
  }

  @Test
  void flooderIsClosedWithAReasonWhilePlayersKeepTheirDeltas() throws Exception {
    List<TestClient> players = new ArrayList<>();
    List<TestClient> flooders = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        players.add(guest(Names.fresh("Player")));
      }
      for (int i = 0; i < 2; i++) {
        flooders.add(guest(Names.fresh("Flooder")));
      }
      for (TestClient player : players) {
        while (player.poll(Duration.ZERO) != null) {
          // what came before the measured window
        }
      }
      long start = System.nanoTime();
      long end = start + MEASURED.toNanos();
      List<AtomicInteger> delivered = new ArrayList<>();
      List<Thread> counters = new ArrayList<>();
      for (TestClient player : players) {
        AtomicInteger count = new AtomicInteger();
        delivered.add(count);
        counters.add(counter(player, count, end));
      }
      List<Thread> floods = new ArrayList<>();
      long[] closedAfterNanos = new long[flooders.size()];
      int[] sent = new int[flooders.size()];
      for (int f = 0; f < flooders.size(); f++) {
        TestClient flooder = flooders.get(f);
        int index = f;
        Thread flood = new Thread(() -> {
          byte[] frame = Packet.newBuilder()
              .setPlayerDirection(PlayerDirectionMessage.newBuilder().setDirection(1.0)).build().toByteArray();
          try {
            // ~10,000 frames/s, 170 times the budget: paced so that the test's own client threads
            // don't take both cores of a small machine away from the server they measure.
            while (!flooder.closed().isDone() && System.nanoTime() < end + 5_000_000_000L) {
              for (int i = 0; i < 100; i++) {
                flooder.sendBytes(frame);
                sent[index]++;
              }
              Thread.sleep(10);
            }
          } catch (Exception closed) {
            // the server closed the flooder
          }
          try {
            flooder.closed().get(10, TimeUnit.SECONDS);
          } catch (Exception ignored) {
            // judged below
          }
          closedAfterNanos[index] = System.nanoTime() - start;
        });
        flood.start();
        floods.add(flood);
      }
      for (Thread thread : counters) {
        thread.join();
      }
      for (Thread thread : floods) {
        thread.join(20_000);
      }

      double seconds = MEASURED.toNanos() / 1e9;
      for (int f = 0; f < flooders.size(); f++) {
        System.out.printf("flooder %d: %,d frames sent, closed after %.2f s%n", f, sent[f], closedAfterNanos[f] / 1e9);
      }
      for (int i = 0; i < players.size(); i++) {
        double percent = 100.0 * delivered.get(i).get() / (TICK_HZ * seconds);
        System.out.printf("player %d: %d deltas in %.1f s = %.1f %% of %d Hz%n", i, delivered.get(i).get(),
            seconds, percent, TICK_HZ);
      }
      for (int i = 0; i < players.size(); i++) {
        double percent = 100.0 * delivered.get(i).get() / (TICK_HZ * seconds);
        assertTrue(percent >= 85, "player " + i + " got " + percent + " % of its deltas during the flood");
        assertTrue(!players.get(i).closed().isDone(), "player " + i + " is still connected");
      }
      for (int f = 0; f < flooders.size(); f++) {
        double closedAfter = closedAfterNanos[f] / 1e9;
        assertTrue(flooders.get(f).closed().isDone(), "flooder " + f + " was closed");
        assertTrue(closedAfter < 2.5, "flooder " + f + " closed after " + closedAfter + " s");
        Packet last = null;
        Packet packet;
        while ((packet = flooders.get(f).poll(Duration.ZERO)) != null) {
          if (packet.getMsgCase() == MsgCase.DISCONNECT) {
            last = packet;
          }
        }
        assertTrue(last != null, "flooder " + f + " was told why");
        assertEquals("Sending too fast", last.getDisconnect().getReason());
      }
      Scrape scrape = server.scrape();
      assertTrue(scrape.value("rumble_rejected_inputs_total", "reason", "rate_limited") > 0, "drops counted");
      assertEquals(2.0, scrape.value("rumble_rejected_inputs_total", "reason", "flood_closed"), "closes counted");
    } finally {
      players.forEach(TestClient::close);
      flooders.forEach(TestClient::close);
    }
  }
}
