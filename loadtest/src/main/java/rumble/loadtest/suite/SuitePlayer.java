package rumble.loadtest.suite;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import rumble.protocol.HiscoreMessage;
import rumble.protocol.LeaderboardEntry;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;
import rumble.protocol.PlayerDirectionMessage;

/**
 * A {@link ProtocolClient} for the suites that stop servers under their players: every wait also
 * ends as soon as the server is gone ({@link ServerGone}), so a killed server costs a suite no
 * timeouts, and it plays (steers, eats, watches its own score on the room's leaderboard).
 */
public final class SuitePlayer extends ProtocolClient {

  /** The server closed the connection or died while the player waited. */
  public static final class ServerGone extends Exception {
    ServerGone(String what) {
      super("the connection closed while waiting for " + what);
    }
  }

  private static final Duration STEP = Duration.ofMillis(20);
  /** 50 frames a second with a burst of 100: under the server's inbound budget (60/s, burst 120). */
  private static final long FRAME_INTERVAL_NANOS = Duration.ofMillis(20).toNanos();
  private static final long FRAME_BURST_NANOS = 100 * FRAME_INTERVAL_NANOS;

  private long nextFrameNanos;
  private long playerId;
  private long reachedScore;
  /** When the connection closed ({@link System#nanoTime()}). */
  private final CompletableFuture<Long> closedAt;

  private SuitePlayer(URI url, Map<String, String> headers) throws Exception {
    super(url, headers);
    closedAt = closed().handle((reason, failure) -> System.nanoTime());
  }

  /**
   * When the connection closed ({@link System#nanoTime()}), waiting up to {@code wait} for it;
   * Long.MAX_VALUE when it is still open. (Its own stage: {@code closed()} may look done a moment
   * before the time is taken.)
   */
  public long closedNanos(Duration wait) throws InterruptedException {
    try {
      return closedAt.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return Long.MAX_VALUE;
    }
  }

  public static SuitePlayer connect(URI url) throws Exception {
    return new SuitePlayer(url, Map.of());
  }

  /** Connects claiming {@code address} in X-Forwarded-For (only a server trusting it believes that). */
  public static SuitePlayer connectFrom(URI url, String address) throws Exception {
    return new SuitePlayer(url, Map.of("X-Forwarded-For", address));
  }

  /**
   * Sends at a pace the server accepts: beyond its budget it drops frames unread, and a suite that
   * checks hundreds of scores on one connection would wait for answers that never come.
   */
  @Override
  public synchronized void send(Packet packet) {
    long now = System.nanoTime();
    nextFrameNanos = Math.max(nextFrameNanos + FRAME_INTERVAL_NANOS, now - FRAME_BURST_NANOS);
    if (nextFrameNanos > now) {
      try {
        TimeUnit.NANOSECONDS.sleep(nextFrameNanos - now);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    super.send(packet);
  }

  /** A name nobody registered yet: the prefix and random letters, 16 characters in all. */
  public static String freshName(String prefix, Random random) {
    StringBuilder name = new StringBuilder(prefix);
    while (name.length() < 16) {
      name.append((char) ('a' + random.nextInt(26)));
    }
    return name.toString();
  }

  /** The highest score the room's leaderboard showed for this player (0 before any). */
  public long reachedScore() {
    return reachedScore;
  }

  /**
   * The next packet other than room state, recording leaderboard scores on the way; throws
   * {@link ServerGone} once the connection closed, and IllegalStateException after {@code timeout}.
   */
  public Packet await(Duration timeout) throws InterruptedException, ServerGone {
    Packet packet = awaitOrNull(timeout);
    if (packet == null) {
      throw new IllegalStateException("no reply within " + timeout);
    }
    return packet;
  }

  /** Like {@link #await} but null when nothing but room state came within {@code timeout}. */
  public Packet awaitOrNull(Duration timeout) throws InterruptedException, ServerGone {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Packet packet = poll(STEP);
      if (packet == null) {
        if (closed().isDone()) {
          throw new ServerGone("a reply");
        }
      } else if (!watch(packet)) {
        return packet;
      }
    }
    return null;
  }

  /** The next non-state packet, which must be of {@code type} (else an IllegalStateException naming it). */
  public Packet awaitType(MsgCase type) throws InterruptedException, ServerGone {
    Packet packet = await(WAIT);
    if (packet.getMsgCase() != type) {
      throw new IllegalStateException("expected " + type + " but got " + packet);
    }
    return packet;
  }

  /** Logs in and waits until seated; false when the server denied the login (its reason is dropped). */
  public boolean logIn(String username, String password) throws InterruptedException, ServerGone {
    login(username, password);
    return seated();
  }

  /** Joins as a guest and waits until seated; false when the server denied the nickname. */
  public boolean joinAsGuest(String nickname) throws InterruptedException, ServerGone {
    guest(nickname, 0x33AA66FF);
    return seated();
  }

  /** Ok, or a denial; the JoinedRoom that follows an Ok is room state (see {@link #watch}). */
  private boolean seated() throws InterruptedException, ServerGone {
    return await(WAIT).getMsgCase() == MsgCase.OK_RESPONSE;
  }

  /**
   * Steers in a new random direction every half second for {@code time} (eating what lies in the way)
   * and returns the first packet that is not room state, or null when none came.
   */
  public Packet play(Duration time, Random random) throws InterruptedException, ServerGone {
    long end = System.nanoTime() + time.toNanos();
    long nextTurn = 0;
    while (System.nanoTime() < end) {
      if (System.nanoTime() >= nextTurn) {
        send(Packet.newBuilder().setPlayerDirection(PlayerDirectionMessage.newBuilder()
            .setDirection(random.nextDouble() * 2 * Math.PI)).build());
        nextTurn = System.nanoTime() + Duration.ofMillis(500).toNanos();
      }
      Packet packet = poll(STEP);
      if (packet == null && closed().isDone()) {
        throw new ServerGone("the game");
      }
      if (packet != null && !watch(packet)) {
        return packet;
      }
    }
    return null;
  }

  /** Leaves the game the way the client does and waits for the Id that says so. */
  public void logOut() throws InterruptedException, ServerGone {
    logout();
    awaitType(MsgCase.ID);
  }

  /**
   * The best score the hiscore board shows for {@code name} (read from the database by the server),
   * or -1 when the board does not know the name. Browses and returns to the lobby.
   */
  public long boardScore(String name) throws InterruptedException, ServerGone {
    requestHiscores();
    awaitType(MsgCase.HISCORE_BOARD);
    searchHiscore(name);
    Packet answer = await(WAIT);
    finishBrowsing();
    awaitType(MsgCase.ID);
    if (answer.getMsgCase() != MsgCase.HISCORE_BOARD) {
      return -1;
    }
    return answer.getHiscoreBoard().getHiscoresList().stream().filter(row -> row.getName().equals(name))
        .mapToLong(HiscoreMessage::getScore).findFirst().orElse(-1);
  }

  /** True for room state (looked at, then dropped); records this player's leaderboard score. */
  private boolean watch(Packet packet) {
    switch (packet.getMsgCase()) {
      case LEADERBOARD -> {
        for (LeaderboardEntry entry : packet.getLeaderboard().getEntriesList()) {
          if (entry.getPlayerId() == playerId) {
            reachedScore = Math.max(reachedScore, entry.getScore());
          }
        }
        return true;
      }
      case JOINED_ROOM -> {
        playerId = packet.getJoinedRoom().getPlayerId();
        return true;
      }
      case WORLD_DELTA -> {
        return true;
      }
      default -> {
        return false;
      }
    }
  }
}
