package rumble.http;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import rumble.protocol.Packet;

/**
 * Real traffic for the Godot codec's golden vectors: the raw frames one client received while it
 * played in a crowded room with two others (who steer at it, so its deltas carry player updates) and
 * asked for a keyframe. Started on a real server through {@link TestServer} and {@link GameClient}.
 */
public final class CodecCapture {

  /** One binary WebSocket frame exactly as the server sent it. */
  public record Frame(byte[] bytes, Packet packet) {}

  private CodecCapture() {}

  /** Plays about {@code deltas} world deltas; returns everything the watched client received, in order. */
  public static List<Frame> capture(Path dataDir, int deltas) throws Exception {
    // A small world dense with spores: a start-size view holds a few hundred of them.
    GameServer server = TestServer.start(dataDir, Map.of(
        "rumble.game.world.half-size", 1000,
        "rumble.game.spores.target", 2000,
        "rumble.game.spores.per-second", 20000));
    List<byte[]> frames = Collections.synchronizedList(new ArrayList<>());
    try (GameClient zoe = GameClient.connect(server);
        GameClient bob = GameClient.guest(server, "bob");
        GameClient cyd = GameClient.guest(server, "Cyd Ünï")) {
      zoe.socket.tap = frames::add;
      zoe.joinAsGuest("Zoë 日本", 0x3366FFFF);
      zoe.assertInRoomWith(bob);
      ClientWorld.Player me = zoe.world.me();
      bob.steerTo(me.x(), me.y());
      cyd.steerTo(me.x(), me.y());
      zoe.steerTo(0, 0);
      GameClient.playDeltas(deltas / 2, zoe, bob, cyd);
      bob.chat("hello Zoë ✓ — ünïcødé 🎮");
      zoe.steerTo(-me.x(), -me.y());
      GameClient.playDeltas(deltas / 2, zoe, bob, cyd);
      int keyframes = zoe.world.keyframes;
      zoe.requestKeyframe();
      zoe.pumpUntil("the requested keyframe", w -> w.keyframes > keyframes);
      GameClient.playDeltas(3, zoe, bob, cyd);
    } finally {
      server.stop();
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
