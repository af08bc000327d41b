package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * player connected to the third. When the host leaves, the room starts afresh on a node that is
 * left and both players are back in it; when the host crashes, both go on together in a new room.
 */
class ThreeNodeIntegrationTest {

  @RegisterExtension
  final TestServer a = node();

  @RegisterExtension
  final TestServer b = node();

  @RegisterExtension
  final TestServer c = node();

  private static TestServer node() {
    return TestServer.create().startedByTest()
        .withConfig("rumble.game.world.half-size", 250)
        .withConfig("rumble.game.view.width", 1200) // the whole world in view: the players always see each other
        .withConfig("rumble.game.view.height", 1200)
        .withConfig("rumble.game.spores.target", 100)
        // So TestServer.crash() ends a node without it leaving the cluster, as a killed process would.
        .withConfig("pekko.coordinated-shutdown.run-by-actor-system-terminate", "off");
  }

  /** The three players' view: which node hosts the room, and the two players on the others. */
  private record Match(TestServer host, GameClient ann, GameClient bob, int roomId) {}

  private List<TestServer> startCluster() throws Exception {
    a.start();
    b.joining(a).start();
    c.joining(a).start();
    List<TestServer> nodes = List.of(a, b, c);
    for (TestServer node : nodes) {
      node.awaitMembersUp(3);
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
    Match match = joinTogether(host, others.get(0), others.get(1), roomId);
    // What an operator sees: the room's shard on its host, and deltas crossing to the others.
    host.awaitMetric("the room's shard on its host", shards -> shards == 1, "rumble_cluster_shards");
    for (TestServer other : others) {
      other.awaitMetric("no shard here", shards -> shards == 0, "rumble_cluster_shards");
      other.awaitMetric("deltas from the room's node", count -> count > 0, "rumble_cluster_delivery_seconds_count");
    }
    return match;
  }

  /** Ann on one node and Bob on another join the room (the fullest one) and see each other. */
  private static Match joinTogether(TestServer host, TestServer annsNode, TestServer bobsNode, int roomId)
      throws Exception {
    GameClient ann = GameClient.guest(annsNode, "ann");
    GameClient bob = GameClient.guest(bobsNode, "bob");
    assertNotEquals(ann.id, bob.id, "player ids are unique in the cluster, not only on their node");
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
   * Both players hear from the server that their room is gone, are put into one room again (the
   * same id when it moved, another when it was lost), see each other again and keep playing.
   * Returns how long the later of the two was without a world delta.
   */
  private static long assertBothPlayingTogetherAgain(Match match, boolean sameRoom, long lostAtNanos)
      throws Exception {
    long annBack = awaitBack(match.ann(), match.roomId(), sameRoom);
    long bobBack = awaitBack(match.bob(), match.roomId(), sameRoom);
    match.ann().assertInRoomWith(match.bob());
    GameClient.awaitAll("ann and bob see each other again",
        () -> match.ann().world.players.containsKey(match.bob().id)
            && match.bob().world.players.containsKey(match.ann().id), match.ann(), match.bob());
    match.ann().steer(0.5);
    GameClient.playDeltas(10, match.ann(), match.bob());
    return Math.max(annBack, bobBack) - lostAtNanos;
  }

  /** Waits for the server's word, then a JoinedRoom; returns when the new room's first delta came. */
  private static long awaitBack(GameClient player, int roomId, boolean sameRoom) throws Exception {
    Packet notice = player.awaitPacket(MsgCase.CHAT);
    assertEquals(0, notice.getSenderId(), "a line from the server itself");
    assertTrue(notice.getChat().getMsg().startsWith("Room " + roomId), notice.getChat().getMsg());
    Packet joined = player.awaitPacket(MsgCase.JOINED_ROOM);
    if (sameRoom) {
      assertEquals(roomId, joined.getJoinedRoom().getRoomId(), "back in the same room");
    } else {
      assertNotEquals(roomId, joined.getJoinedRoom().getRoomId(), "on in a new room");
    }
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
      long interruptedNanos = assertBothPlayingTogetherAgain(match, true, leaving);
      System.out.printf("[three-nodes] graceful leave: players back in play after %d ms%n",
          interruptedNanos / 1_000_000);
    }
  }

  @Test
  void thePlayersOfARoomOnACrashedNodeGoOnTogetherInANewRoomWithoutWaitingForTheNodeToBeDowned() throws Exception {
    List<TestServer> nodes = startCluster();
    Match match = playAcrossNodes(nodes);
    try (GameClient ann = match.ann(); GameClient bob = match.bob()) {
      long crashed = System.nanoTime();
      match.host().crash();
      long interruptedNanos = assertBothPlayingTogetherAgain(match, false, crashed);
      System.out.printf("[three-nodes] crash: players back in play after %d ms%n", interruptedNanos / 1_000_000);
      List<TestServer> left = new ArrayList<>(nodes);
      left.remove(match.host());
      for (TestServer node : left) {
        node.awaitMembersUp(2);
      }
    }
  }

  @Test
  void whenTheOldestNodeCrashesWithTheRoomTheMatchmakerAndTheCoordinatorThePlayersStillGoOn() throws Exception {
    // Alone, the first node hosts the first room, and stays the oldest: the matchmaker and the
    // shard coordinator run there too, so nothing new can start until the others down it.
    a.start();
    int roomId;
    try (GameClient opener = GameClient.guest(a, "opener")) {
      roomId = (int) opener.world.roomId();
      b.joining(a).start();
      c.joining(a).start();
      for (TestServer node : List.of(a, b, c)) {
        node.awaitMembersUp(3);
      }
    }
    Match match = joinTogether(a, b, c, roomId);
    try (GameClient ann = match.ann(); GameClient bob = match.bob()) {
      long crashed = System.nanoTime();
      a.crash();
      long interruptedNanos = assertBothPlayingTogetherAgain(match, false, crashed);
      System.out.printf("[three-nodes] crash of the oldest node: players back in play after %d ms%n",
          interruptedNanos / 1_000_000);
    }
  }
}
