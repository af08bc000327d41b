package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/**
 * Three nodes (three actor systems in this JVM, each its own server on loopback) form one cluster.
 * Rooms are sharded: a player connected to one node plays in a room another node hosts, with a
 * player connected to the third. When the host goes, gracefully or by crashing, the room starts
 * afresh on a node that is left and both players are back in it, still together.
 */
class ThreeNodeIntegrationTest {

  /** The split-brain resolver downs a crashed node this long after it became unreachable (20 s in production). */
  private static final String STABLE_AFTER = "2s";

  @RegisterExtension
  final TestServer a = node();

  @RegisterExtension
  final TestServer b = node();

  @RegisterExtension
  final TestServer c = node();

  private static TestServer node() {
    return TestServer.create().startedByTest()
        .withConfig("rumble.game.world.half-size", 250)
        .withConfig("rumble.game.spores.target", 100)
        .withConfig("pekko.cluster.split-brain-resolver.stable-after", System.getProperty("sa", STABLE_AFTER))
        .withConfig("pekko.cluster.down-removal-margin", System.getProperty("drm", "off"))
        .withConfig("pekko.cluster.failure-detector.acceptable-heartbeat-pause", System.getProperty("ahp", "3s"))
        // So TestServer.crash() ends a node without it leaving the cluster, as a killed process would.
        .withConfig("pekko.coordinated-shutdown.run-by-actor-system-terminate", "off");
  }

  /** The three players' view: which node hosts the room, and the two players on the others. */
  private record Match(TestServer host, GameClient ann, GameClient bob, int roomId) {}

  private List<TestServer> startCluster() throws Exception {
    a.start();
    String seed = a.server().clusterAddress();
    b.withConfig("rumble.cluster.seed-nodes", seed).start();
    c.withConfig("rumble.cluster.seed-nodes", seed).start();
    List<TestServer> nodes = List.of(a, b, c);
    for (TestServer node : nodes) {
      node.awaitMetric("three members up", up -> up == 3, "rumble_cluster_members", "status", "up");
    }
    return nodes;
  }

  /**
   * A first player (on the oldest node) opens a room; wherever sharding placed it, Ann and Bob
   * connect to the two other nodes and join it. The first player then leaves.
   */
  private Match playAcrossNodes(List<TestServer> nodes) throws Exception {
    TestServer host;
    int roomId;
    try (GameClient opener = GameClient.guest(a, "opener")) {
      roomId = (int) opener.world.roomId();
      host = awaitHost(nodes, roomId);
    }
    List<TestServer> others = new ArrayList<>(nodes);
    others.remove(host);
    GameClient ann = GameClient.guest(others.get(0), "ann");
    GameClient bob = GameClient.guest(others.get(1), "bob");
    assertEquals(roomId, ann.world.roomId(), "ann is in the opened room");
    ann.assertInRoomWith(bob);
    GameClient.awaitAll("ann and bob see each other",
        () -> ann.world.players.containsKey(bob.id) && bob.world.players.containsKey(ann.id), ann, bob);
    return new Match(host, ann, bob, roomId);
  }

  /** The node whose /metrics shows the room's players: where its shard runs. */
  private static TestServer awaitHost(List<TestServer> nodes, int roomId) throws Exception {
    long deadline = System.nanoTime() + GameClient.PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      for (TestServer node : nodes) {
        if (node.metric("rumble_room_players", "room", String.valueOf(roomId)).isPresent()) {
          return node;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no node reports room " + roomId);
  }

  /**
   * Both players hear from the server that their room is gone, are put back into the same room id
   * (started afresh on a node that is left), see each other again and keep playing. Returns how long
   * Ann was without a world delta.
   */
  private static long assertBothBackInTheRoom(Match match, long lostAtNanos) throws Exception {
    long annBack = awaitBack(match.ann(), match.roomId());
    long bobBack = awaitBack(match.bob(), match.roomId());
    GameClient.awaitAll("ann and bob see each other again",
        () -> match.ann().world.players.containsKey(match.bob().id)
            && match.bob().world.players.containsKey(match.ann().id), match.ann(), match.bob());
    match.ann().steer(0.5);
    GameClient.playDeltas(10, match.ann(), match.bob());
    return Math.max(annBack, bobBack) - lostAtNanos;
  }

  /** Waits for the server's word, then the JoinedRoom of the same room; returns when its first delta came. */
  private static long awaitBack(GameClient player, int roomId) throws Exception {
    Packet notice = player.awaitPacket(MsgCase.CHAT);
    assertEquals(0, notice.getSenderId(), "a line from the server itself");
    assertTrue(notice.getChat().getMsg().startsWith("Room " + roomId), notice.getChat().getMsg());
    Packet joined = player.awaitPacket(MsgCase.JOINED_ROOM);
    assertEquals(roomId, joined.getJoinedRoom().getRoomId(), "back in the same room");
    player.pumpUntil("the first delta of the restarted room", world -> world.me() != null);
    return System.nanoTime();
  }

  @Test
  void aRoomOnANodeThatLeavesMovesAndItsPlayersKeepPlaying() throws Exception {
    List<TestServer> nodes = startCluster();
    Match match = playAcrossNodes(nodes);
    try (GameClient ann = match.ann(); GameClient bob = match.bob()) {
      long leaving = System.nanoTime();
      match.host().stop(); // SIGTERM: coordinated shutdown hands the room over
      long interruptedNanos = assertBothBackInTheRoom(match, leaving);
      System.out.printf("[three-nodes] graceful leave: players back in play after %d ms%n",
          interruptedNanos / 1_000_000);
    }
  }

  @Test
  void aRoomOnACrashedNodeRestartsElsewhereAndItsPlayersKeepPlaying() throws Exception {
    List<TestServer> nodes = startCluster();
    Match match = playAcrossNodes(nodes);
    try (GameClient ann = match.ann(); GameClient bob = match.bob()) {
      long crashed = System.nanoTime();
      System.out.println("[three-nodes] crash at " + java.time.LocalTime.now());
      match.host().crash();
      long interruptedNanos = assertBothBackInTheRoom(match, crashed);
      System.out.printf("[three-nodes] crash: players back in play after %d ms (stable-after %s)%n",
          interruptedNanos / 1_000_000, STABLE_AFTER);
      List<TestServer> left = new ArrayList<>(nodes);
      left.remove(match.host());
      for (TestServer node : left) {
        node.awaitMetric("the crashed node is gone", up -> up == 2, "rumble_cluster_members", "status", "up");
      }
    }
  }
}
