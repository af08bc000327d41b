package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import rumble.protocol.DisconnectMessage;
import rumble.protocol.GuestLoginRequestMessage;
import rumble.protocol.KeyframeRequestMessage;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;
import rumble.protocol.PlayerDirectionMessage;
import rumble.protocol.PlayerTargetMessage;
import rumble.protocol.WorldDeltaMessage;

/**
 * A player's client for end-to-end tests: a real {@link TestClient} whose world deltas and
 * leaderboards are applied to a {@link ClientWorld} as they arrive, while every other packet waits in
 * an inbox for the test to look at. All waiting is for a condition, bounded by {@link #PATIENCE}.
 */
final class GameClient implements AutoCloseable {

  /** How long any wait for something a player would notice may take before the test fails. */
  static final Duration PATIENCE = Duration.ofSeconds(15);
  private static final Duration POLL = Duration.ofMillis(10);
  /** Mass error from the wire's 0.1-unit radii, for a player of radius up to about 40. */
  static final double MASS_TOLERANCE = 30;

  final TestClient socket;
  final long id;
  /** The world of the current game; null while not in a room (before joining, after logout). */
  ClientWorld world;
  /** Packets other than world deltas and leaderboards, in arrival order, until taken. */
  final List<Packet> inbox = new ArrayList<>();

  private GameClient(TestClient socket) {
    this.socket = socket;
    this.id = socket.id;
  }

  static GameClient connect(TestServer server) throws Exception {
    return new GameClient(TestClient.connect(server.port()));
  }

  /** A new connection that joins as a guest and has received its first (key)frame. */
  static GameClient guest(TestServer server, String nickname) throws Exception {
    GameClient client = connect(server);
    client.joinAsGuest(nickname, 0x00FF00FF);
    return client;
  }

  // --- entering and leaving the game ---

  ClientWorld joinAsGuest(String nickname, int color) throws Exception {
    send(Packet.newBuilder().setGuestLoginRequest(GuestLoginRequestMessage.newBuilder()
        .setNickname(nickname).setColor(color)).build());
    return awaitJoined();
  }

  void register(String username, String password, int color) throws Exception {
    socket.register(username, password, color);
    awaitPacket(MsgCase.OK_RESPONSE);
  }

  ClientWorld logIn(String username, String password) throws Exception {
    socket.login(username, password);
    return awaitJoined();
  }

  /** Ok, JoinedRoom, then the first delta: the client is in a room and sees itself. */
  private ClientWorld awaitJoined() throws Exception {
    awaitPacket(MsgCase.OK_RESPONSE);
    awaitPacket(MsgCase.JOINED_ROOM);
    pumpUntil("the first delta", w -> w.me() != null);
    return world;
  }

  /** Logs out with a DisconnectMessage and waits for the Id that says the client is Connected again. */
  void logOut() throws Exception {
    send(Packet.newBuilder().setDisconnect(DisconnectMessage.newBuilder().setReason("bye")).build());
    awaitPacket(MsgCase.ID);
  }

  // --- inputs ---

  void send(Packet packet) {
    socket.send(packet);
  }

  void steerTo(double x, double y) {
    send(Packet.newBuilder().setPlayerTarget(PlayerTargetMessage.newBuilder().setX(x).setY(y)).build());
  }

  void steer(double direction) {
    send(Packet.newBuilder().setPlayerDirection(PlayerDirectionMessage.newBuilder().setDirection(direction))
        .build());
  }

  void stop() {
    ClientWorld.Player me = world.me();
    steerTo(me.x(), me.y());
  }

  void requestKeyframe() {
    send(Packet.newBuilder().setKeyframeRequest(KeyframeRequestMessage.getDefaultInstance()).build());
  }

  void chat(String text) {
    socket.chat(text);
  }

  // --- receiving ---

  /** Handles one packet if one arrives within {@code timeout}; false if none did. */
  boolean pumpOne(Duration timeout) throws InterruptedException {
    Packet packet = socket.poll(timeout);
    if (packet == null) {
      return false;
    }
    switch (packet.getMsgCase()) {
      case WORLD_DELTA -> {
        assertNotNull(world, () -> "client " + id + " got a world delta while not in a room");
        world.apply(packet.getWorldDelta());
      }
      case LEADERBOARD -> {
        assertNotNull(world, () -> "client " + id + " got a leaderboard while not in a room");
        world.apply(packet.getLeaderboard());
      }
      case JOINED_ROOM -> {
        world = new ClientWorld(packet.getJoinedRoom());
        inbox.add(packet);
      }
      case ID -> {
        world = null;
        inbox.add(packet);
      }
      default -> inbox.add(packet);
    }
    return true;
  }

  /** Handles every packet already received; true if there was any. */
  boolean drain() throws InterruptedException {
    boolean any = false;
    while (pumpOne(Duration.ZERO)) {
      any = true;
    }
    return any;
  }

  /** Handles packets until {@code condition} holds, checking it after each one. */
  void pumpUntil(String what, Predicate<ClientWorld> condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (world == null || !condition.test(world)) {
      if (System.nanoTime() > deadline) {
        fail("client " + id + ": " + what + " not reached within " + PATIENCE + "; " + world + ", inbox " + inbox);
      }
      pumpOne(POLL);
    }
  }

  /** Handles packets until {@code count} more world deltas were applied. */
  void pumpDeltas(int count) throws InterruptedException {
    int target = world.deltas + count;
    pumpUntil(count + " more deltas", w -> w.deltas >= target);
  }

  /**
   * Takes the first packet of {@code type} from the inbox, handling packets until one arrives. A
   * DenyResponse met on the way fails the test, as the request it answers was not meant to be refused.
   */
  Packet awaitPacket(MsgCase type) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      for (Iterator<Packet> it = inbox.iterator(); it.hasNext(); ) {
        Packet packet = it.next();
        if (packet.getMsgCase() == type) {
          it.remove();
          return packet;
        }
        if (packet.getMsgCase() == MsgCase.DENY_RESPONSE) {
          fail("client " + id + " waited for " + type + " but was denied: " + packet.getDenyResponse().getReason());
        }
      }
      if (System.nanoTime() > deadline) {
        fail("client " + id + ": no " + type + " within " + PATIENCE + "; inbox " + inbox);
      }
      pumpOne(POLL);
    }
  }

  /** The packets of {@code type} received so far (left in the inbox). */
  List<Packet> received(MsgCase type) {
    return inbox.stream().filter(p -> p.getMsgCase() == type).toList();
  }

  /** Handles every client's packets until {@code condition} holds. */
  static void awaitAll(String what, BooleanSupplier condition, GameClient... clients) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        StringBuilder state = new StringBuilder();
        for (GameClient client : clients) {
          state.append("; client ").append(client.id).append(": ").append(client.world);
        }
        fail(what + " not reached within " + PATIENCE + state);
      }
      boolean any = false;
      for (GameClient client : clients) {
        any |= client.drain();
      }
      if (!any) {
        clients[0].pumpOne(POLL);
      }
    }
  }

  /** Handles every client's packets until each has applied {@code count} more deltas. */
  static void playDeltas(int count, GameClient... clients) throws InterruptedException {
    int[] targets = new int[clients.length];
    for (int i = 0; i < clients.length; i++) {
      targets[i] = clients[i].world.deltas + count;
    }
    awaitAll(count + " more deltas each", () -> {
      for (int i = 0; i < clients.length; i++) {
        if (clients[i].world.deltas < targets[i]) {
          return false;
        }
      }
      return true;
    }, clients);
  }

  // --- eating ---

  /**
   * A spore this client ate: the spore as it knew it, and its own player in the deltas just before and
   * just after (the one that announced the spore in spores_left).
   */
  record Bite(ClientWorld.Spore spore, ClientWorld.Player before, ClientWorld.Player after,
      WorldDeltaMessage delta, double sporesLeftMass) {}

  /**
   * Steers at the nearest known spore until it is gone; a spore that left without the player growing
   * (someone else took it) is given up for the next nearest one.
   */
  Bite eatNearestSpore() throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    Set<Integer> missed = new HashSet<>();
    while (System.nanoTime() < deadline) {
      pumpUntil("a spore in view", w -> w.spores.keySet().stream().anyMatch(s -> !missed.contains(s)));
      ClientWorld.Player me = world.me();
      ClientWorld.Spore target = world.spores.values().stream().filter(s -> !missed.contains(s.id()))
          .min(Comparator.comparingDouble(s -> me.distanceTo(s.x(), s.y()))).orElseThrow();
      steerTo(target.x(), target.y());
      pumpUntil("spore " + target.id() + " eaten", w -> !w.spores.containsKey(target.id()));
      ClientWorld.Player before = world.meBefore;
      ClientWorld.Player after = world.me();
      if (world.lastDelta.getSporesLeftList().contains(target.id()) && after.radius() > before.radius()) {
        return new Bite(target, before, after, world.lastDelta, world.massOfSporesLeftInLastDelta());
      }
      missed.add(target.id());
    }
    fail("client " + id + " ate no spore within " + PATIENCE + "; " + world);
    return null;
  }

  List<Bite> eatSpores(int count) throws InterruptedException {
    List<Bite> bites = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      bites.add(eatNearestSpore());
    }
    return bites;
  }

  /** Eats spores until the own mass (as the client sees it) exceeds {@code mass}. */
  List<Bite> growBeyond(double mass) throws InterruptedException {
    List<Bite> bites = new ArrayList<>();
    while (world.me().mass() <= mass) {
      bites.add(eatNearestSpore());
    }
    return bites;
  }

  /**
   * Stops the player and waits until it stands still. An idle player's mass stays put (no spore
   * spawns on a player), so a score read afterwards is final.
   */
  void settle() throws InterruptedException {
    stop();
    pumpUntil("standing still", w -> w.me().speed() == 0);
  }

  /** Waits until the leaderboard shows this player's current score (round(mass), within the wire's rounding). */
  long awaitLeaderboardScore() throws InterruptedException {
    pumpUntil("a leaderboard with the current score", w -> {
      long score = w.leaderboardScore(id);
      return score > 0 && Math.abs(score - w.me().mass()) < MASS_TOLERANCE;
    });
    return world.leaderboardScore(id);
  }

  void assertInRoomWith(GameClient other) {
    assertEquals(world.roomId(), other.world.roomId(), "both clients should be in one room");
  }

  @Override
  public void close() {
    socket.close();
  }
}
