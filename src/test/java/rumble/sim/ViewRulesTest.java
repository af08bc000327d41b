package rumble.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ViewRulesTest {

  @Test
  void viewIsTheBaseSizeAtStartAndGrowsWithTheFourTenthsPower() {
    assertEquals(1, ViewRules.scale(20, 20), 1e-9);
    assertEquals(Math.pow(10, 0.4), ViewRules.scale(200, 20), 1e-9);
    assertEquals(Math.pow(2, 0.4), ViewRules.scale(60, 30), 1e-9);
    assertEquals(1, ViewRules.scale(9, 20), 1e-9, "never smaller than the base size");
  }
}
