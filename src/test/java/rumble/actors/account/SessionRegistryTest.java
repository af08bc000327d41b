package rumble.actors.account;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** One live session per account: a newer login takes over, and the older holder is told to close. */
class SessionRegistryTest {

  static final ActorTestKit kit = ActorTestKit.create(
      ConfigFactory.parseResources("application-test.conf").withFallback(ConfigFactory.load()).resolve());

  @AfterAll
  static void tearDown() {
    kit.shutdownTestKit();
  }

  private final ActorRef<SessionRegistry.Command> registry = kit.spawn(SessionRegistry.create());
  private final TestProbe<SessionRegistry.Claimed> replies = kit.createTestProbe();

  private void claim(long userId, TestProbe<SessionRegistry.TakenOver> holder) {
    registry.tell(new SessionRegistry.Claim(userId, holder.ref(), replies.ref()));
    replies.expectMessage(new SessionRegistry.Claimed(userId));
  }

  @Test
  void aSecondLoginTellsTheOlderSessionItWasTakenOverAndProceeds() {
    TestProbe<SessionRegistry.TakenOver> older = kit.createTestProbe();
    TestProbe<SessionRegistry.TakenOver> newer = kit.createTestProbe();
    claim(1, older);
    claim(1, newer);
    older.expectMessage(SessionRegistry.TakenOver.INSTANCE);
    newer.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void aSessionThatLoggedOutIsNotToldWhenItsAccountLogsInAgain() {
    TestProbe<SessionRegistry.TakenOver> first = kit.createTestProbe();
    TestProbe<SessionRegistry.TakenOver> second = kit.createTestProbe();
    claim(2, first);
    registry.tell(new SessionRegistry.Release(2, first.ref()));
    claim(2, second);
    first.expectNoMessage(Duration.ofMillis(100));
    second.expectNoMessage(Duration.ofMillis(100));
  }
}
