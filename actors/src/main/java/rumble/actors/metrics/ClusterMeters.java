package rumble.actors.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

/**
 * What an operator of several nodes watches: membership, the rooms' shards on this node, players
 * sent back into a room that stopped under them, and how long deltas take from a room on another
 * node to this node's sessions.
 */
public final class ClusterMeters {

  /** Cluster member statuses published as {@code rumble_cluster_members{status=...}}. */
  public static final List<String> MEMBER_STATUSES = List.of("joining", "weakly_up", "up", "leaving", "exiting",
      "down", "removed");

  private final MeterRegistry registry;
  private final Counter rejoins;
  private final Counter seatRetries;
  private final Timer crossNodeDelivery;

  ClusterMeters(MeterRegistry registry) {
    this.registry = registry;
    rejoins = Counter.builder("rumble.cluster.room.rejoins")
        .description("Players sent back into their room after it stopped under them (its node left or died)")
        .register(registry);
    seatRetries = Counter.builder("rumble.cluster.seat.retries")
        .description("Seats asked for again after no room answered in time (a join lost with a node)")
        .register(registry);
    crossNodeDelivery = Timer.builder("rumble.cluster.delivery")
        .description("Deltas from a room on another node to a session here: the time from the room's send to "
            + "the session's receipt, by the two nodes' wall clocks (keep them in sync, e.g. NTP)")
        .publishPercentiles(0.5, 0.99)
        .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
  }

  /** The cluster's members as this node sees them, by status, and how many it finds unreachable. */
  public void members(ToIntFunction<String> membersIn, IntSupplier unreachable) {
    for (String status : MEMBER_STATUSES) {
      Gauge.builder("rumble.cluster.members", () -> membersIn.applyAsInt(status)).tag("status", status)
          .strongReference(true).description("Cluster members by status, as this node sees them").register(registry);
    }
    Gauge.builder("rumble.cluster.unreachable", unreachable, s -> s.getAsInt()).strongReference(true)
        .description("Cluster members this node's failure detector finds unreachable").register(registry);
  }

  /** Publishes how many room shards this node hosts, as last read from its shard region. */
  public void shards(IntSupplier hosted) {
    Gauge.builder("rumble.cluster.shards", hosted, s -> s.getAsInt()).strongReference(true)
        .description("Room shards hosted on this node (one per room)").register(registry);
  }

  /**
   * Wall-clock microseconds, the time stamp a room puts on a delta for another node: unlike
   * {@code nanoTime}, comparable between machines (as far as their clocks agree).
   */
  public static long nowMicros() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  public void roomRejoined() {
    rejoins.increment();
  }

  public void seatRetried() {
    seatRetries.increment();
  }

  /** A delta that came from a room on another node, {@code micros} after the room sent it. */
  public void crossNodeDelivery(long micros) {
    crossNodeDelivery.record(Math.max(0, micros), TimeUnit.MICROSECONDS);
  }
}
