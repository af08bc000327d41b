package rumble.actors.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import rumble.actors.account.AccountService;
import rumble.actors.account.SessionRegistry;
import rumble.actors.link.ClientLink;
import rumble.actors.link.ClientLinks;
import rumble.actors.metrics.ServerMetrics;
import rumble.actors.room.Matchmaker;

/**
 * Issue 8, Why 4: a client closing at the moment the server closes it. The socket stream ends the
 * queue on its own thread, so a session that looked ("not completed yet") and then completed it lost
 * the race now and then: "The queue has already been completed" was logged as an ERROR and the
 * open-connections gauge stayed one too high. Here the stream always wins that race, on purpose.
 */
class SessionCloseRaceTest {

  static {
    LoggerFactory.getILoggerFactory();
  }

  static final ActorTestKit kit = ActorTestKit.create(
      ConfigFactory.parseResources("application-test.conf").withFallback(ConfigFactory.load()).resolve());
  static final ExecutorService unused = Executors.newSingleThreadExecutor();
  static final Duration WAIT = Duration.ofSeconds(10);

  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void captureLogs() {
    logged.start();
    root.addAppender(logged);
  }

  @AfterEach
  void stopCapturing() {
    root.detachAppender(logged);
  }

  @AfterAll
  static void tearDown() {
    kit.shutdownTestKit();
    unused.shutdownNow();
  }

  /**
   * A real socket queue that the client "closes" (its downstream cancels, which ends the queue) right
   * after anyone checks {@link #isCompleted}: the interleaving that happened 2 times in ~13,800.
   */
  private static final class ClosesRightAfterTheCheck implements BoundedSourceQueue<ByteString> {
    final BoundedSourceQueue<ByteString> real;
    final SinkQueueWithCancel<ByteString> client;

    ClosesRightAfterTheCheck() {
      Pair<BoundedSourceQueue<ByteString>, SinkQueueWithCancel<ByteString>> queue =
          Source.<ByteString>queue(16).toMat(Sink.queue(), Keep.both()).run(kit.system());
      real = queue.first();
      client = queue.second();
    }

    @Override
    public boolean isCompleted() {
      boolean answer = real.isCompleted();
      if (!answer) {
        client.cancel();
        awaitEnded();
      }
      return answer;
    }

    private void awaitEnded() {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (real.offer(ByteString.emptyByteString()) == QueueOfferResult.enqueued()
          || !real.isCompleted()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the cancelled stream never ended the queue");
        }
        Thread.onSpinWait();
      }
    }

    @Override
    public QueueOfferResult offer(ByteString element) {
      return real.offer(element);
    }

    @Override
    public void complete() {
      real.complete();
    }

    @Override
    public void fail(Throwable cause) {
      real.fail(cause);
    }

    @Override
    public int size() {
      return real.size();
    }
  }

  private ActorRef<PlayerSession.Command> spawnSession(ServerMetrics metrics, BoundedSourceQueue<ByteString> socket) {
    TestProbe<Matchmaker.Command> matchmaker = kit.createTestProbe();
    TestProbe<SessionRegistry.Command> registry = kit.createTestProbe();
    SessionSettings settings = SessionSettings.fromConfig(kit.system().settings().config().getConfig("rumble.session"));
    AccountService accounts = new AccountService(null, null, null, unused, unused, metrics);
    SessionServices services = new SessionServices(metrics, accounts, null, matchmaker.ref(), registry.ref(), settings,
        new ClientLinks());
    return kit.spawn(PlayerSession.create(1, "192.0.2.9", new ClientLink(socket, metrics), services));
  }

  private static double openConnections(ServerMetrics metrics) {
    return metrics.registry().get("rumble.connections.open").gauge().value();
  }

  private void assertGaugeReturnsToZeroWithoutErrors(ServerMetrics metrics) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (openConnections(metrics) != 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Thread.sleep(200); // errors are logged asynchronously
    List<String> errors = logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
        .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ": " + e.getThrowableProxy().getMessage()))
        .collect(Collectors.toList());
    if (!errors.isEmpty()) {
      fail("errors logged while closing: " + errors);
    }
    assertEquals(0, openConnections(metrics), "rumble_connections_open after every session stopped");
  }

  @Test
  void clientClosingWhileTheSessionStopsLeavesNoErrorAndNoOpenConnection() throws Exception {
    ServerMetrics metrics = new ServerMetrics();
    ActorRef<PlayerSession.Command> session = spawnSession(metrics, new ClosesRightAfterTheCheck());
    session.tell(PlayerSession.StreamCompleted.INSTANCE); // the client's inbound side ended
    assertGaugeReturnsToZeroWithoutErrors(metrics);
  }

  @Test
  void clientClosingWhileTheServerKicksItLeavesNoErrorAndNoOpenConnection() throws Exception {
    ServerMetrics metrics = new ServerMetrics();
    ActorRef<PlayerSession.Command> session = spawnSession(metrics, new ClosesRightAfterTheCheck());
    session.tell(new PlayerSession.Kick("Server shutting down"));
    session.tell(PlayerSession.StreamCompleted.INSTANCE);
    assertGaugeReturnsToZeroWithoutErrors(metrics);
  }
}
