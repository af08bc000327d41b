package rumble.loadtest.suite;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import rumble.protocol.ChatMessage;
import rumble.protocol.DisconnectMessage;
import rumble.protocol.FinishedBrowsingHiscoresMessage;
import rumble.protocol.GuestLoginRequestMessage;
import rumble.protocol.HiscoreBoardMessage;
import rumble.protocol.HiscoreBoardRequestMessage;
import rumble.protocol.LoginRequestMessage;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;
import rumble.protocol.RegisterRequestMessage;
import rumble.protocol.SearchHiscoreMessage;

/**
 * A real WebSocket client (the JDK's) speaking the game protocol one blocking call at a time: the
 * player the suites and the end-to-end tests play with. A packet that does not come in time fails
 * with an {@link AssertionError}, so a test using it reads like one.
 */
public class ProtocolClient implements AutoCloseable {

  public static final Duration WAIT = Duration.ofSeconds(10);

  private final BlockingQueue<Packet> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<String> closed = new CompletableFuture<>();
  private final WebSocket socket;
  /** The id the server gave this client on connect. */
  public final long id;
  /** Sees the raw bytes of every binary frame before it is parsed (golden vectors); null for none. */
  public volatile Consumer<byte[]> tap;

  /** Connects to {@code url} (sending {@code headers} with the upgrade) and waits for the id the server gives. */
  protected ProtocolClient(URI url, Map<String, String> headers) throws Exception {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    headers.forEach(builder::header);
    socket = builder.buildAsync(url, new Listener()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    id = expect(MsgCase.ID).getId().getId();
  }

  public static ProtocolClient connect(URI url) throws Exception {
    return new ProtocolClient(url, Map.of());
  }

  public void send(Packet packet) {
    sendBytes(packet.toByteArray());
  }

  public void sendBytes(byte[] bytes) {
    socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
  }

  public void sendText(String text) {
    socket.sendText(text, true).join();
  }

  public void register(String username, String password, int color) {
    send(Packet.newBuilder().setRegisterRequest(RegisterRequestMessage.newBuilder()
        .setUsername(username).setPassword(password).setColor(color)).build());
  }

  public void guest(String nickname, int color) {
    send(Packet.newBuilder().setGuestLoginRequest(GuestLoginRequestMessage.newBuilder()
        .setNickname(nickname).setColor(color)).build());
  }

  public void login(String username, String password) {
    send(Packet.newBuilder().setLoginRequest(LoginRequestMessage.newBuilder()
        .setUsername(username).setPassword(password)).build());
  }

  public void chat(String text) {
    send(Packet.newBuilder().setChat(ChatMessage.newBuilder().setMsg(text)).build());
  }

  /** Logs out the way the original client does: a DisconnectMessage from the client. */
  public void logout() {
    send(Packet.newBuilder().setDisconnect(DisconnectMessage.newBuilder().setReason("logged out")).build());
  }

  public void requestHiscores() {
    send(Packet.newBuilder().setHiscoreBoardRequest(HiscoreBoardRequestMessage.getDefaultInstance()).build());
  }

  public void searchHiscore(String name) {
    send(Packet.newBuilder().setSearchHiscore(SearchHiscoreMessage.newBuilder().setName(name)).build());
  }

  public void finishBrowsing() {
    send(Packet.newBuilder()
        .setFinishedBrowsingHiscores(FinishedBrowsingHiscoresMessage.getDefaultInstance()).build());
  }

  public HiscoreBoardMessage expectBoard() throws InterruptedException {
    return expect(MsgCase.HISCORE_BOARD).getHiscoreBoard();
  }

  /** Registers and logs in, expecting both to succeed, and waits until the room has seated the player. */
  public void registerAndLogin(String username, String password) throws InterruptedException {
    register(username, password, 0xFF0000FF);
    expect(MsgCase.OK_RESPONSE);
    login(username, password);
    expect(MsgCase.OK_RESPONSE);
    // Seated: from now on the room's chat and state reach this client (a line said before this
    // point would never arrive, and a test waiting for it would wait in vain).
    expect(MsgCase.JOINED_ROOM);
  }

  /** The next packet, failing the test if none comes in time. */
  public Packet next() throws InterruptedException {
    Packet packet = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (packet == null) {
      throw new AssertionError("no packet within " + WAIT);
    }
    return packet;
  }

  /** Room state streams in all the time once a player is in game; most tests look past it. */
  private static final Set<MsgCase> GAME_STATE = EnumSet.of(MsgCase.JOINED_ROOM, MsgCase.WORLD_DELTA,
      MsgCase.LEADERBOARD);

  /** The next packet, which must be of {@code type}; game state in between is skipped unless asked for. */
  public Packet expect(MsgCase type) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    Packet packet = next();
    while (GAME_STATE.contains(packet.getMsgCase()) && !GAME_STATE.contains(type)) {
      // Game state streams forever: without a deadline of its own a lost packet would be waited
      // for until the server closed the connection as idle.
      if (System.nanoTime() >= deadline) {
        throw new AssertionError("no " + type + " within " + WAIT + " of game state");
      }
      packet = next();
    }
    if (packet.getMsgCase() != type) {
      throw new AssertionError("expected " + type + " but got " + packet);
    }
    return packet;
  }

  public String expectDeny() throws InterruptedException {
    return expect(MsgCase.DENY_RESPONSE).getDenyResponse().getReason();
  }

  /** Fails if any packet arrives within {@code quiet}. */
  public void expectNothing(Duration quiet) throws InterruptedException {
    Packet packet = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
    if (packet != null) {
      throw new AssertionError("expected silence but got " + packet);
    }
  }

  /** The next packet if one arrives within {@code wait}, else null. */
  public Packet poll(Duration wait) throws InterruptedException {
    return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Like {@link #poll} but looks past room state (deltas, leaderboards). */
  public Packet pollSkippingGameState(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Packet packet;
    do {
      packet = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } while (packet != null && GAME_STATE.contains(packet.getMsgCase()));
    return packet;
  }

  /** Completes with the close reason once the server closed the socket. */
  public CompletableFuture<String> closed() {
    return closed;
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      byte[] chunk = new byte[data.remaining()];
      data.get(chunk);
      partial.writeBytes(chunk);
      if (last) {
        try {
          byte[] frame = partial.toByteArray();
          Consumer<byte[]> frames = tap;
          if (frames != null) {
            frames.accept(frame);
          }
          received.add(Packet.parseFrom(frame));
        } catch (Exception e) {
          closed.completeExceptionally(e);
        }
        partial.reset();
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode + " " + reason);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.completeExceptionally(error);
    }
  }
}
