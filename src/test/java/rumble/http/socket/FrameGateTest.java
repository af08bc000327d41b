package rumble.http.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FrameGateTest {

  private static final long MS = 1_000_000L;

  @Test
  void framesWithinTheBudgetPassAndTheRestAreDroppedWithOneNoticeASecond() {
    FrameGate gate = new FrameGate(10, 3, Duration.ofSeconds(1), 1_000, 0);
    for (int i = 0; i < 3; i++) {
      assertEquals(FrameGate.Verdict.PASS, gate.admit(0));
    }
    assertEquals(FrameGate.Verdict.NOTIFY, gate.admit(0));
    assertEquals(FrameGate.Verdict.DROP, gate.admit(1 * MS));
    assertEquals(FrameGate.Verdict.PASS, gate.admit(100 * MS)); // one token refilled
    assertEquals(FrameGate.Verdict.DROP, gate.admit(101 * MS));
  }

  @Test
  void aFloodThatLastsASecondClosesOnceAndThenEverythingIsDropped() {
    FrameGate gate = new FrameGate(10, 3, Duration.ofSeconds(1), 1_000, 0);
    FrameGate.Verdict verdict = FrameGate.Verdict.PASS;
    long now = 0;
    // 1,000 frames a second: a token now and then passes, but the flood goes on.
    while (verdict != FrameGate.Verdict.CLOSE && now < 2_000 * MS) {
      verdict = gate.admit(now);
      now += MS;
    }
    assertEquals(FrameGate.Verdict.CLOSE, verdict);
    assertEquals(1_000 * MS, now - MS, 5 * MS, "closed a second after the first drop");
    assertEquals(FrameGate.Verdict.DROP, gate.admit(now + 10_000 * MS));
  }

  @Test
  void aQuietSecondEndsAFlood() {
    FrameGate gate = new FrameGate(10, 3, Duration.ofSeconds(1), 1_000, 0);
    for (long now = 0; now < 800 * MS; now += MS) {
      gate.admit(now);
    }
    // Quiet for over a second, then a short burst again: a new flood, not the old one going on.
    for (long now = 2_000 * MS; now < 2_800 * MS; now += MS) {
      assertEquals(true, gate.admit(now) != FrameGate.Verdict.CLOSE, "no close at " + now / MS + " ms");
    }
  }

  @Test
  void aFloodFarBeyondTheBudgetClosesOnceItHasLostCloseAfterDropsFrames() {
    FrameGate gate = new FrameGate(10, 3, Duration.ofSeconds(1), 100, 0);
    FrameGate.Verdict verdict = FrameGate.Verdict.PASS;
    int frames = 0;
    // 10,000 frames a second: the 100th drop closes it after ~10 ms, not a second.
    for (long now = 0; verdict != FrameGate.Verdict.CLOSE && now < 2_000 * MS; now += MS / 10) {
      verdict = gate.admit(now);
      frames++;
    }
    assertEquals(FrameGate.Verdict.CLOSE, verdict);
    assertEquals(103, frames, "the burst of 3 passed, the 100th dropped frame closed it");
  }

  @Test
  void dropsCountPerFloodSoShortBurstsNeverAddUpToAClose() {
    FrameGate gate = new FrameGate(10, 3, Duration.ofSeconds(1), 100, 0);
    // 60 frames at once every 2 s: each burst loses 57 frames, together far more than 100.
    for (long second = 0; second < 20; second += 2) {
      for (int i = 0; i < 60; i++) {
        assertEquals(true, gate.admit(second * 1_000 * MS) != FrameGate.Verdict.CLOSE, "no close at " + second + " s");
      }
    }
  }
}
