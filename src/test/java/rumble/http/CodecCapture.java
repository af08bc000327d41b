package rumble.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import rumble.protocol.Packet;

/**
 * Real traffic for the Godot codec's golden vectors: the raw frames one client received while it
 * played in a crowded room with two others (who steer at it, so its deltas carry player updates) and
 * asked for a keyframe. Played on a real server through {@link TestServer} and {@link GameClient}.
 */
public final class CodecCapture {

  /** One binary WebSocket frame exactly as the server sent it. */
  public record Frame(byte[] bytes, Packet packet) {}

  private CodecCapture() {}

  /** Bob and Cyd head for either side of Zoë, near enough to be seen, not so near as to be eaten. */
  private static void follow(GameClient zoe, GameClient bob, GameClient cyd) {
    ClientWorld.Player her = zoe.world.me();
    bob.steerTo(her.x() - 250, her.y());
    cyd.steerTo(her.x() + 250, her.y());
  }

  /** Plays about {@code deltas} world deltas; returns everything the watched client received, in order. */
  public static List<Frame> capture(int deltas) throws Exception {
    List<byte[]> frames = Collections.synchronizedList(new ArrayList<>());
    try (TestServer server = TestServer.create()
            // A small world dense with spores: a start-size view holds a few hundred of them, and the
            // players are never far apart.
            .withConfig("rumble.game.world.half-size", 600)
            .withConfig("rumble.game.spores.target", 900)
            .withConfig("rumble.game.spores.per-second", 20000).start();
        GameClient zoe = GameClient.connect(server);
        GameClient bob = GameClient.guest(server, "bob");
        GameClient cyd = GameClient.guest(server, "Cyd Ünï")) {
      zoe.socket.tap = frames::add;
      zoe.joinAsGuest("Zoë 日本", 0x3366FFFF);
      zoe.assertInRoomWith(bob);
      ClientWorld.Player start = zoe.world.me();
      zoe.steerTo(-start.x() / 2, -start.y() / 2); // across the spores
      for (int i = 0; i < deltas; i += 5) {
        follow(zoe, bob, cyd);
        GameClient.playDeltas(5, zoe, bob, cyd);
        if (i == deltas / 2) {
          bob.chat("hello Zoë — ünïcødé 🎮");
        }
      }
      zoe.stop();
      long deadline = System.nanoTime() + 2 * GameClient.PATIENCE.toNanos();
      while (!(zoe.world.players.containsKey(bob.id) && zoe.world.players.containsKey(cyd.id))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("bob and cyd never came into Zoë's view: " + zoe.world);
        }
        follow(zoe, bob, cyd);
        GameClient.playDeltas(2, zoe, bob, cyd);
      }
      int keyframes = zoe.world.keyframes;
      zoe.requestKeyframe();
      zoe.pumpUntil("the requested keyframe", w -> w.keyframes > keyframes);
      GameClient.playDeltas(3, zoe, bob, cyd);
    }
    List<Frame> captured = new ArrayList<>();
    synchronized (frames) {
      for (byte[] bytes : frames) {
        captured.add(new Frame(bytes, Packet.parseFrom(bytes)));
      }
    }
    return captured;
  }
}
