package rumble.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Several nodes' figures as one: sums where they add up, the worst node where they do not. */
class ServerFiguresCombineTest {

  /** A node that ran {@code ticks} ticks of mean {@code meanMs}, p99 {@code p99Ms}, at {@code cpu} % of a core. */
  static ServerFigures node(double ticks, double meanMs, double p99Ms, double skipped, double rooms, double cpu,
      double cpuMicros, double inGame, double slowestRoom, String error) {
    return new ServerFigures(3, error, "histogram buckets over the measured window", p99Ms / 4, p99Ms, p99Ms + 1,
        p99Ms + 2, meanMs, ticks, 0.0, skipped, rooms, rooms + 1, cpu, cpu / 2, 1e8, 2e8, 3e8, 1e9, inGame + 2, inGame,
        null, null, null, slowestRoom, cpuMicros, 10.0 * rooms, 0.5 * rooms);
  }

  @Test
  void oneNodeIsItself() {
    ServerFigures only = node(100, 1, 3, 0, 2, 40, 30, 100, 20, null);
    assertSame(only, ServerFigures.combine(List.of(only), 0));
  }

  @Test
  void whatAddsUpIsSummedAndTheRestIsTheWorstNode() {
    ServerFigures a = node(1000, 1.0, 3.0, 0, 2, 40, 20, 100, 19.9, null);
    ServerFigures b = node(3000, 2.0, 8.0, 5, 4, 60, 30, 200, 19.5, null);
    ServerFigures both = ServerFigures.combine(List.of(a, b), 0);
    assertEquals(6, both.scrapes());
    assertNull(both.error());
    assertEquals(4000.0, both.ticks());
    assertEquals((1000 * 1.0 + 3000 * 2.0) / 4000, both.tickMeanMs(), 1e-9);
    assertEquals(8.0, both.tickP99Ms(), "the worst node's p99");
    assertEquals(10.0, both.tickMaxMs());
    assertEquals(5.0, both.skipped());
    assertEquals(6.0, both.rooms());
    assertEquals(8.0, both.roomsPeak(), "the sum of each node's peak");
    assertEquals(100.0, both.cpuPercent(), 1e-9);
    assertEquals(300.0, both.inGamePeak());
    assertEquals(2e8, both.heapUsedBytes());
    assertEquals(19.5, both.slowestRoomTicksPerSecond(), "the slowest room of all");
    // 40 % at 20 µs and 60 % at 30 µs: player-ticks in proportion 2 : 2, so 100 % over 4 units = 25 µs.
    assertEquals(25.0, both.cpuMicrosPerPlayerTick(), 1e-9);
    assertEquals(40.0, both.gcPauseMaxMs());
  }

  @Test
  void aDeadNodeKeepsWhatItReportedAndNamesItsError() {
    ServerFigures alive = node(1000, 1.0, 3.0, 0, 2, 40, 20, 100, 20, null);
    ServerFigures dead = node(500, 1.0, 3.0, 0, 0, 30, 20, 0, 20, "cannot read http://127.0.0.1:8083/metrics: refused");
    ServerFigures none = ServerFigures.none("no scrape succeeded");
    ServerFigures all = ServerFigures.combine(List.of(alive, dead, none), 0);
    assertEquals(1500.0, all.ticks());
    assertEquals(70.0, all.cpuPercent(), 1e-9);
    assertEquals("node 2: cannot read http://127.0.0.1:8083/metrics: refused; node 3: no scrape succeeded",
        all.error());
  }
}
