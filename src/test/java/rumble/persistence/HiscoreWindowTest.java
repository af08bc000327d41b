package rumble.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Where the searched player sits in the window of rows shown around them (no database needed). */
class HiscoreWindowTest {
  @Test
  void windowOffsetClampsAtBothEnds() {
    assertEquals(0, HiscoreRepository.windowOffset(0, 30, 10));
    assertEquals(0, HiscoreRepository.windowOffset(4, 30, 10));
    assertEquals(10, HiscoreRepository.windowOffset(15, 30, 10));
    assertEquals(20, HiscoreRepository.windowOffset(29, 30, 10));
    assertEquals(0, HiscoreRepository.windowOffset(3, 4, 10));
    assertEquals(2, HiscoreRepository.windowOffset(3, 5, 3), "odd sizes centre too");
  }
}
