package rumble.actors.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The back-off's arithmetic on a clock the test moves. */
class LoginBackoffTest {

  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final LoginBackoff backoff = new LoginBackoff(3, 10, Duration.ofSeconds(1), Duration.ofSeconds(5),
      20, 30, 1000, Duration.ofMinutes(15), clock::get);

  private Duration delay(String user, String address) {
    return assertInstanceOf(LoginBackoff.Proceed.class, backoff.beforeAttempt(user, address)).delay();
  }

  private void fail(String user, String address, int times) {
    for (int i = 0; i < times; i++) {
      backoff.recordFailure(user, address);
    }
  }

  private void advance(Duration by) {
    clock.addAndGet(by.toNanos());
  }

  @Test
  void delaysDoubleAfterTheFreeFailuresUpToTheCap() {
    fail("bob", "1.1.1.1", 3);
    assertEquals(Duration.ofSeconds(1), delay("bob", "1.1.1.1"));
    fail("bob", "1.1.1.1", 1);
    assertEquals(Duration.ofSeconds(2), delay("bob", "1.1.1.1"));
    fail("bob", "1.1.1.1", 1);
    assertEquals(Duration.ofSeconds(4), delay("bob", "1.1.1.1"));
    fail("bob", "1.1.1.1", 5);
    assertEquals(Duration.ofSeconds(5), delay("bob", "1.1.1.1"), "capped");
    advance(Duration.ofSeconds(3));
    assertEquals(Duration.ofSeconds(2), delay("bob", "1.1.1.1"), "counted from the last failure");
    advance(Duration.ofMinutes(15));
    assertEquals(Duration.ZERO, delay("bob", "1.1.1.1"), "forgotten after a quiet while");
  }

  @Test
  void anotherAddressOfTheAccountIsNotDelayedByOnePlacesFailures() {
    fail("bob", "6.6.6.6", 9);
    assertEquals(Duration.ZERO, delay("BOB", "2.2.2.2"));
  }

  @Test
  void manyAddressesFailingOneAccountDelayNewAddressesButNotTheOwners() {
    backoff.recordSuccess("bob", "2.2.2.2");
    for (int i = 0; i < 10; i++) {
      fail("bob", "6.6.6." + i, 1);
    }
    assertEquals(Duration.ofSeconds(1), delay("bob", "7.7.7.7"));
    assertEquals(Duration.ZERO, delay("bob", "2.2.2.2"), "the owner's usual address");
  }

  @Test
  void anAddressSprayingManyAccountsIsRefusedForSecondsButKnownLoginsGoOn() {
    backoff.recordSuccess("carol", "9.9.9.9");
    for (int i = 0; i < 20; i++) {
      fail("user" + i, "9.9.9.9", 1);
    }
    LoginBackoff.Refuse refused = assertInstanceOf(LoginBackoff.Refuse.class, backoff.beforeAttempt("dave", "9.9.9.9"));
    assertEquals(Duration.ofSeconds(2), refused.retryAfter(), "30 a minute: one every 2 s");
    assertEquals(Duration.ZERO, delay("carol", "9.9.9.9"), "carol logged in from here before");
    advance(Duration.ofSeconds(2));
    assertEquals(Duration.ZERO, delay("dave", "9.9.9.9"));
  }

  @Test
  void successForgivesTheAccountsFailures() {
    fail("bob", "1.1.1.1", 6);
    backoff.recordSuccess("bob", "1.1.1.1");
    fail("bob", "1.1.1.1", 3);
    assertEquals(Duration.ofSeconds(1), delay("bob", "1.1.1.1"));
  }

  @Test
  void anotherSpellingOfTheSameNameSharesItsCount() {
    fail("Jos\u00E9", "1.1.1.1", 3);              // é as one code point
    assertEquals(Duration.ofSeconds(1), delay("JOSE\u0301", "1.1.1.1")); // e + combining acute, upper case
  }
}
