package rumble.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ViewRulesTest {

  @Test
  void viewIsFullHdAtStartAndGrowsWithTheFourTenthsPower() {
    assertEquals(960, ViewRules.halfWidth(20), 1e-9);
    assertEquals(540, ViewRules.halfHeight(20), 1e-9);
    assertEquals(960 * Math.pow(10, 0.4), ViewRules.halfWidth(200), 1e-9);
    assertEquals(540 * Math.pow(10, 0.4), ViewRules.halfHeight(200, 20), 1e-9);
    assertEquals(960, ViewRules.halfWidth(9), 1e-9, "never smaller than a screen");
  }
}
