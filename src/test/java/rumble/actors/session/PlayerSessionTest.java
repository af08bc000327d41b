package rumble.actors.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import rumble.actors.account.AccountService;
import rumble.actors.account.AccountLimits;
import rumble.actors.account.LoginBackoff;
import rumble.actors.account.RegistrationLimit;
import rumble.actors.account.SessionRegistry;
import rumble.actors.room.Matchmaker;
import rumble.actors.room.Room;
import rumble.actors.link.ClientLink;
import rumble.actors.link.ClientLinks;
import rumble.actors.metrics.ServerMetrics;
import rumble.persistence.Account;
import rumble.persistence.AccountRepository;
import rumble.persistence.Database;
import rumble.persistence.HiscoreRepository;
import rumble.persistence.PasswordHasher;
import rumble.protocol.ChatMessage;
import rumble.protocol.DisconnectMessage;
import rumble.protocol.FinishedBrowsingHiscoresMessage;
import rumble.protocol.HiscoreBoardRequestMessage;
import rumble.protocol.JoinedRoomMessage;
import rumble.protocol.LeaderboardMessage;
import rumble.protocol.LoginRequestMessage;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;
import rumble.protocol.WorldDeltaMessage;

/**
 * PlayerSession's state machine without HTTP: frames go in as FrameReceived, packets come out of
 * the real bounded queue it writes to, and probes stand in for the matchmaker, the room and the session registry.
 */
class PlayerSessionTest {

  private static final String PASSWORD = "correct horse";
  private static final Duration WAIT = Duration.ofSeconds(10);

  static {
    LoggerFactory.getILoggerFactory(); // start logging before the actor system logs from its threads
  }

  static final ActorTestKit kit = ActorTestKit.create(
      ConfigFactory.parseResources("application-test.conf").withFallback(ConfigFactory.load()).resolve());

  @TempDir static Path dataDir;
  static Database db;
  static ExecutorService blocking;
  static ServerMetrics metrics;
  static PasswordHasher hasher;
  static AccountService accounts;
  static SessionSettings settings;

  private static final AtomicLong clientIds = new AtomicLong(1000);
  private static final AtomicInteger names = new AtomicInteger();

  @BeforeAll
  static void setUp() throws Exception {
    db = Database.open(dataDir, 2);
    blocking = Executors.newFixedThreadPool(2);
    metrics = new ServerMetrics();
    hasher = new PasswordHasher(PasswordHasher.MIN_COST);
    accounts = accountService(blocking);
    settings = SessionSettings.fromConfig(kit.system().settings().config().getConfig("rumble.session"));
  }

  @AfterAll
  static void tearDown() {
    kit.shutdownTestKit();
    blocking.shutdownNow();
    db.close();
  }

  private static AccountService accountService(Executor executor) {
    return new AccountService(new AccountRepository(db), new HiscoreRepository(db), hasher, executor, executor, metrics);
  }

  private static Account newAccount() throws Exception {
    String name = "Player" + names.incrementAndGet();
    return new AccountRepository(db).create(name, hasher.hash(PASSWORD), 0xFF0000FF).orElseThrow();
  }

  private static Packet login(String username, String password) {
    return Packet.newBuilder().setLoginRequest(LoginRequestMessage.newBuilder()
        .setUsername(username).setPassword(password)).build();
  }

  private static Packet chat(String text) {
    return Packet.newBuilder().setChat(ChatMessage.newBuilder().setMsg(text)).build();
  }

  /** One session with its socket queue, its probes and its own login throttle. */
  private static final class Harness {
    final long clientId = clientIds.incrementAndGet();
    final TestProbe<Matchmaker.Command> matchmaker = kit.createTestProbe();
    final TestProbe<Room.Command> room = kit.createTestProbe();
    final TestProbe<SessionRegistry.Command> registry = kit.createTestProbe();
    final AtomicLong clock = new AtomicLong();
    final ClientLinks links = new ClientLinks();
    final SinkQueueWithCancel<ByteString> socket;
    final ClientLink link;
    final ActorRef<PlayerSession.Command> session;
    /** How the session claimed its account: the ref the registry tells when another login takes it over. */
    ActorRef<SessionRegistry.TakenOver> accountHolder;

    Harness() {
      this(accounts);
    }

    Harness(AccountService accountService) {
      Pair<BoundedSourceQueue<ByteString>, SinkQueueWithCancel<ByteString>> queue =
          Source.<ByteString>queue(16).toMat(Sink.queue(), Keep.both()).run(kit.system());
      socket = queue.second();
      AccountLimits limits = new AccountLimits(new LoginBackoff(3, 10, Duration.ofSeconds(1), Duration.ofSeconds(4),
          20, 30, 1000, Duration.ofMinutes(15), clock::get), new RegistrationLimit(3, 3, clock::get));
      SessionServices services = new SessionServices(metrics, accountService, limits, matchmaker.ref(),
          registry.ref(), settings, links);
      link = new ClientLink(queue.first(), metrics);
      session = kit.spawn(PlayerSession.create(clientId, "192.0.2.7", link, services));
    }

    /** Hands the session one frame, as its socket does. */
    void send(Packet packet) {
      session.tell(new PlayerSession.FrameReceived(new Inbound.Parsed(packet, packet.getSerializedSize())));
    }

    /** The next packet the session wrote to its socket. */
    Packet next() throws Exception {
      Optional<ByteString> frame = socket.pull().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertTrue(frame.isPresent(), "the socket stream ended instead of carrying another packet");
      return Packet.parseFrom(frame.get().toArray());
    }

    Packet expect(MsgCase type) throws Exception {
      Packet packet = next();
      assertEquals(type, packet.getMsgCase(), () -> "unexpected packet " + packet);
      return packet;
    }

    String expectDeny() throws Exception {
      return expect(MsgCase.DENY_RESPONSE).getDenyResponse().getReason();
    }

    void expectSocketCompleted() throws Exception {
      Optional<ByteString> frame = socket.pull().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertTrue(frame.isEmpty(), () -> "expected the end of the stream, got " + frame);
    }

    /** Connected → (login, registry claim answered) → in game, seated in the probe room. */
    Room.Join logIn(Account account) throws Exception {
      expect(MsgCase.ID);
      send(login(account.username(), PASSWORD));
      SessionRegistry.Claim claim = registry.expectMessageClass(SessionRegistry.Claim.class, WAIT);
      assertEquals(account.userId(), claim.userId());
      accountHolder = claim.holder();
      claim.replyTo().tell(new SessionRegistry.Claimed(claim.userId()));
      Room.Join join = matchmaker.expectMessageClass(Matchmaker.FindRoom.class, WAIT).join();
      assertEquals(clientId, expect(MsgCase.OK_RESPONSE).getSenderId());
      join.player().tell(new Room.Joined(1, room.ref(), Packet.newBuilder()
          .setJoinedRoom(JoinedRoomMessage.newBuilder().setPlayerId(clientId).setRoomId(1)).build().toByteArray()));
      assertEquals(clientId, expect(MsgCase.JOINED_ROOM).getJoinedRoom().getPlayerId());
      return join;
    }
  }

  @Test
  void sendsTheClientItsIdFirst() throws Exception {
    Harness h = new Harness();
    Packet id = h.expect(MsgCase.ID);
    assertEquals(h.clientId, id.getId().getId());
    assertEquals(h.clientId, id.getSenderId());
  }

  @Test
  void loginAnswersOkAndAsksForASeatWithTheAccount() throws Exception {
    Harness h = new Harness();
    Account account = newAccount();
    Room.Join join = h.logIn(account);
    assertEquals(h.clientId, join.clientId());
    assertEquals(account.name(), join.name());
    assertEquals(account.playerId(), join.accountPlayerId());
    assertEquals(h.link, h.links.find(join.player()),
        "a room on this node finds the client's socket by the ref the join carries");

    // In game now: chat goes to the room, and lines from others come out with their id.
    h.send(chat("  hello\u0007 "));
    assertEquals(new Room.Say(h.clientId, "hello"), h.room.expectMessageClass(Room.Say.class, WAIT));
    join.player().tell(new Room.ChatLine(77, "Someone", "hi there"));
    Packet line = h.expect(MsgCase.CHAT);
    assertEquals(77, line.getSenderId());
    assertEquals("hi there", line.getChat().getMsg());
  }

  @Test
  void matchmakerIsAskedForASeatBeforeTheClientGetsItsOk() throws Exception {
    Harness h = new Harness();
    Account account = newAccount();
    h.expect(MsgCase.ID);
    h.send(login(account.username(), PASSWORD));
    SessionRegistry.Claim claim = h.registry.expectMessageClass(SessionRegistry.Claim.class, WAIT);
    claim.replyTo().tell(new SessionRegistry.Claimed(claim.userId()));
    h.expect(MsgCase.OK_RESPONSE);
    // Sent once the Ok is out: it must reach the matchmaker after the seat request, so the room's
    // JoinedRoom can never overtake the Ok.
    Matchmaker.RoomPopulation marker = new Matchmaker.RoomPopulation(-1, 0, 0, 0);
    h.matchmaker.ref().tell(marker);
    assertEquals(h.clientId, h.matchmaker.expectMessageClass(Matchmaker.FindRoom.class, WAIT).join().clientId());
    assertEquals(marker, h.matchmaker.expectMessageClass(Matchmaker.RoomPopulation.class, WAIT));
  }

  @Test
  void afterThreeWrongPasswordsTheNextAttemptWaitsBeforeItIsCheckedAndTheRightOneGetsIn() throws Exception {
    Harness h = new Harness();
    Account account = newAccount();
    h.expect(MsgCase.ID);
    for (int i = 0; i < 3; i++) {
      h.send(login(account.username(), "wrong " + i));
      assertEquals("Incorrect username or password", h.expectDeny());
    }
    long start = System.nanoTime();
    h.send(login(account.username(), PASSWORD));
    h.registry.expectNoMessage(Duration.ofMillis(700)); // held for the 1 s back-off, not refused
    h.registry.expectMessageClass(SessionRegistry.Claim.class, WAIT);
    assertTrue(System.nanoTime() - start >= Duration.ofSeconds(1).toNanos());
  }

  @Test
  void secondRequestWhileTheFirstIsPendingIsRefused() throws Exception {
    ManualExecutor manual = new ManualExecutor();
    Harness h = new Harness(accountService(manual));
    Account account = newAccount();
    h.expect(MsgCase.ID);
    h.send(login(account.username(), PASSWORD));
    h.send(login(account.username(), PASSWORD));
    assertEquals("Still working on your previous request - try again in a moment", h.expectDeny());

    manual.runNext(); // the account lookup
    manual.runNext(); // the password check
    SessionRegistry.Claim claim = h.registry.expectMessageClass(SessionRegistry.Claim.class, WAIT);
    claim.replyTo().tell(new SessionRegistry.Claimed(claim.userId()));
    h.expect(MsgCase.OK_RESPONSE);
    assertTrue(manual.tasks.isEmpty(), "the refused request never reached the database");
  }

  @Test
  void browsingHiscoresThenFinishingSendsIdAgain() throws Exception {
    Harness h = new Harness();
    h.expect(MsgCase.ID);
    h.send(Packet.newBuilder().setHiscoreBoardRequest(HiscoreBoardRequestMessage.getDefaultInstance()).build());
    assertEquals(h.clientId, h.expect(MsgCase.HISCORE_BOARD).getSenderId());

    h.send(login("anyone", PASSWORD));
    assertEquals("login request is not allowed while browsing hiscores", h.expectDeny());

    h.send(Packet.newBuilder()
        .setFinishedBrowsingHiscores(FinishedBrowsingHiscoresMessage.getDefaultInstance()).build());
    assertEquals(h.clientId, h.expect(MsgCase.ID).getId().getId());
  }

  @Test
  void aRoomsDeltasAndLeaderboardsReachTheClientAsMessagesWhenItHasNoLink() throws Exception {
    // A room on another node cannot write into this socket: it sends events, which the session passes on.
    Harness h = new Harness();
    Room.Join join = h.logIn(newAccount());
    byte[] delta = Packet.newBuilder().setWorldDelta(WorldDeltaMessage.newBuilder().setSeq(1).setKeyframe(true))
        .build().toByteArray();
    join.player().tell(new Room.Delta(delta, true));
    assertEquals(1, h.expect(MsgCase.WORLD_DELTA).getWorldDelta().getSeq());
    byte[] board = Packet.newBuilder().setLeaderboard(LeaderboardMessage.getDefaultInstance()).build().toByteArray();
    join.player().tell(new Room.Broadcast(board));
    h.expect(MsgCase.LEADERBOARD);
  }

  @Test
  void chatWhileConnectedIsDeniedAndLinesFromTheRoomLeftAreNotShown() throws Exception {
    Harness h = new Harness();
    Room.Join join = h.logIn(newAccount());
    h.send(Packet.newBuilder().setDisconnect(DisconnectMessage.newBuilder().setReason("logged out")).build());
    h.expect(MsgCase.ID);
    join.player().tell(new Room.ChatLine(5, "Other", "not for you")); // was on its way as the player left
    h.send(chat("hello"));
    // The line was dropped: the next packet is the denial.
    assertEquals("chat is not allowed while connected", h.expectDeny());
    h.matchmaker.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void unreadableFrameIsDeniedWithItsReason() throws Exception {
    Harness h = new Harness();
    h.expect(MsgCase.ID);
    h.session.tell(new PlayerSession.FrameReceived(
        new Inbound.Unreadable("malformed_packet", "Malformed packet: not a protobuf Packet", 3)));
    assertEquals("Malformed packet: not a protobuf Packet", h.expectDeny());
  }

  @Test
  void logoutReleasesTheAccountLeavesTheRoomAndSendsIdAgain() throws Exception {
    Harness h = new Harness();
    Account account = newAccount();
    h.logIn(account);
    h.send(Packet.newBuilder().setDisconnect(DisconnectMessage.newBuilder().setReason("logged out")).build());
    SessionRegistry.Release release = h.registry.expectMessageClass(SessionRegistry.Release.class, WAIT);
    assertEquals(account.userId(), release.userId());
    assertEquals(h.accountHolder, release.holder(), "the claim made at login is the one released");
    assertEquals(new Room.Leave(h.clientId), h.room.expectMessageClass(Room.Leave.class, WAIT));
    assertEquals(h.clientId, h.expect(MsgCase.ID).getId().getId());
  }

  @Test
  void kickSendsTheReasonThenEndsTheStream() throws Exception {
    Harness h = new Harness();
    h.expect(MsgCase.ID);
    h.session.tell(new PlayerSession.Kick("Server shutting down"));
    Packet bye = h.expect(MsgCase.DISCONNECT);
    assertEquals("Server shutting down", bye.getDisconnect().getReason());
    assertEquals(h.clientId, bye.getSenderId());
    h.expectSocketCompleted();
  }

  @Test
  void kickedPlayerInGameLeavesTheRoomWhenTheSocketCloses() throws Exception {
    Harness h = new Harness();
    Room.Join join = h.logIn(newAccount());
    h.accountHolder.tell(SessionRegistry.TakenOver.INSTANCE); // the account logged in elsewhere
    assertEquals(SessionRegistry.TAKEN_OVER, h.expect(MsgCase.DISCONNECT).getDisconnect().getReason());
    h.expectSocketCompleted();

    // Frames still in flight are acknowledged but no longer answered.
    h.send(chat("too late"));
    h.session.tell(PlayerSession.StreamCompleted.INSTANCE);
    // The room knows the player only by the session's adapter: watching it is watching the session.
    h.room.expectTerminated(join.player(), WAIT);
    assertEquals(new Room.Leave(h.clientId), h.room.expectMessageClass(Room.Leave.class, WAIT));
    assertNull(h.links.find(join.player()), "a stopped session's socket is no longer offered to rooms");
  }

  /** Runs submitted work only when the test says so. */
  private static final class ManualExecutor implements Executor {
    final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    void runNext() throws InterruptedException {
      Runnable task = tasks.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertNotNull(task, "no work was submitted");
      task.run();
    }
  }
}
