package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rumble.protocol.GuestLoginRequestMessage;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;
import rumble.protocol.PlayerTargetMessage;

class GameIntegrationTest {

  @TempDir static Path dataDir;
  static GameServer server;

  @BeforeAll
  static void start() throws Exception {
    // A small world, so players spawned at random meet within a few seconds.
    server = TestServer.start(dataDir, Map.of("rumble.game.world.half-size", 250,
        "rumble.game.spores.target", 100));
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  static ClientWorld joinAsGuest(TestClient client, String nickname) throws Exception {
    client.send(Packet.newBuilder().setGuestLoginRequest(GuestLoginRequestMessage.newBuilder()
        .setNickname(nickname).setColor(0x00FF00FF)).build());
    client.expect(MsgCase.OK_RESPONSE);
    return new ClientWorld(client.expect(MsgCase.JOINED_ROOM).getJoinedRoom());
  }

  /** Applies deltas until {@code condition} holds, failing after the client's wait. */
  static void playUntil(TestClient client, ClientWorld world, Predicate<ClientWorld> condition) throws Exception {
    long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
    while (!condition.test(world)) {
      assertTrue(System.nanoTime() < deadline, "condition not reached in time");
      Packet packet = client.next();
      if (packet.getMsgCase() == MsgCase.WORLD_DELTA) {
        world.apply(packet.getWorldDelta());
      }
    }
  }

  @Test
  void twoGuestsInOneRoomSeeEachOtherEnterMoveAndLeave() throws Exception {
    try (TestClient alice = TestClient.connect(server.port());
        TestClient bob = TestClient.connect(server.port())) {
      ClientWorld aliceWorld = joinAsGuest(alice, "alice");
      playUntil(alice, aliceWorld, w -> w.me() != null);
      ClientWorld bobWorld = joinAsGuest(bob, "bob");
      assertEquals(aliceWorld.joined.getRoomId(), bobWorld.joined.getRoomId());
      playUntil(bob, bobWorld, w -> w.me() != null);
      // Put bob right next to alice so each is in the other's view.
      ClientWorld.Player a = aliceWorld.me();
      bob.send(Packet.newBuilder().setPlayerTarget(PlayerTargetMessage.newBuilder().setX(a.x() + 60).setY(a.y()))
          .build());
      playUntil(alice, aliceWorld, w -> w.players.containsKey(bob.id));
      assertEquals("bob", aliceWorld.players.get(bob.id).name());
      playUntil(bob, bobWorld, w -> w.players.containsKey(alice.id) && w.me().speed() == 0);
      ClientWorld.Player bobSeenByAlice = aliceWorld.players.get(bob.id);
      assertEquals(bobWorld.me().x(), aliceWorld.predictX(bobSeenByAlice), 2.0);
      bob.close();
      playUntil(alice, aliceWorld, w -> !w.players.containsKey(bob.id));
    }
  }

  @Test
  void spawnerFillsTheRoomWithSporesThatClientsSee() throws Exception {
    try (TestClient client = TestClient.connect(server.port())) {
      ClientWorld world = joinAsGuest(client, "carol");
      playUntil(client, world, w -> w.spores.size() > 5);
    }
  }
}
