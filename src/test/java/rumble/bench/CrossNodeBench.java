package rumble.bench;

import com.sun.management.OperatingSystemMXBean;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import rumble.actors.CborSerializable;
import rumble.actors.metrics.ClusterMeters;

/**
 * What a delta costs when its room runs on another node (not a test): two cluster nodes in this JVM
 * over Artery TCP on loopback, a "room" on one sending a {@link Delta} of {@code bytes} to each of
 * {@code players} receivers on the other at 20 Hz, as a room does to players whose sockets are
 * elsewhere. Reports, per delta, the delivery time (the room's wall clock to the receiver's, as
 * {@code rumble_cluster_delivery_seconds} does) and the CPU of both nodes together, net of an idle
 * cluster's. Then the same through a per-node relay: one message per tick to the other node, which
 * fans it out locally (the design issue 10 asks to weigh).
 *
 * <p>Run: {@code mvn -q -o test-compile && taskset -c 0,1 java -cp target/classes:target/test-classes:$(cat
 * target/classpath.txt) rumble.bench.CrossNodeBench [players...]} (see bench/README.md).
 */
public final class CrossNodeBench {

  private static final int HZ = 20;
  private static final int BYTES = 250;
  private static final Duration WARM_UP = Duration.ofSeconds(10);
  private static final Duration MEASURE = Duration.ofSeconds(20);
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** What a room sent per player per tick before the relay (the shape Room.Delta had then). */
  public record Delta(byte[] packet, boolean keyframe, long sentAtMicros) implements CborSerializable {}

  /** What the relay variant sends once per tick: every delta for the players on the relay's node. */
  public record Batch(long sentAtMicros, List<byte[]> packets) implements CborSerializable {}

  private enum Tick { INSTANCE, STOP }

  public static void main(String[] args) throws Exception {
    int[] playerCounts = args.length == 0 ? new int[] {100, 300, 1000} : java.util.Arrays.stream(args)
        .mapToInt(Integer::parseInt).toArray();
    Config config = ConfigFactory.parseString("""
        pekko.remote.artery.canonical { hostname = "127.0.0.1", port = 0 }
        pekko.loglevel = WARNING
        pekko.actor.serialize-messages = off
        """).withFallback(ConfigFactory.load()).resolve();
    ActorSystem<Void> roomNode = ActorSystem.create(Behaviors.empty(), "rumble", config);
    ActorSystem<Void> playerNode = ActorSystem.create(Behaviors.empty(), "rumble", config);
    try {
      Cluster.get(roomNode).manager().tell(Join.create(Cluster.get(roomNode).selfMember().address()));
      Cluster.get(playerNode).manager().tell(Join.create(Cluster.get(roomNode).selfMember().address()));
      while (upMembers(roomNode) < 2 || upMembers(playerNode) < 2) {
        Thread.sleep(100);
      }
      double idleCpu = cpuPercent(Duration.ofSeconds(10));
      System.out.printf("idle two-node cluster: %.1f %% of one core%n", idleCpu);
      System.out.println("players variant      deltas/s  delivery p50 / p99 / max (ms)  CPU % of a core  CPU µs per delta");
      for (int players : playerCounts) {
        for (boolean relay : new boolean[] {false, true}) {
          run(roomNode, playerNode, players, relay, idleCpu);
        }
      }
    } finally {
      roomNode.terminate();
      playerNode.terminate();
    }
  }

  private static void run(ActorSystem<Void> roomNode, ActorSystem<Void> playerNode, int players, boolean relay,
      double idleCpu) throws Exception {
    Recorder latencies = new Recorder(3);
    AtomicLong delivered = new AtomicLong();
    List<ActorRef<Delta>> receivers = new ArrayList<>();
    for (int i = 0; i < players; i++) {
      receivers.add(playerNode.systemActorOf(receiver(latencies, delivered), "player-" + relay + "-" + players + "-" + i,
          org.apache.pekko.actor.typed.Props.empty()));
    }
    // The room's node must address the receivers through remoting: resolve their full paths there.
    ActorRefResolver here = ActorRefResolver.get(playerNode);
    ActorRefResolver there = ActorRefResolver.get(roomNode);
    Behavior<Tick> room;
    if (relay) {
      ActorRef<Batch> relayActor = playerNode.systemActorOf(relay(receivers), "relay-" + players,
          org.apache.pekko.actor.typed.Props.empty());
      ActorRef<Batch> remoteRelay = there.resolveActorRef(here.toSerializationFormat(relayActor));
      room = room(tick -> {
        List<byte[]> packets = new ArrayList<>(players);
        for (int i = 0; i < players; i++) {
          packets.add(new byte[BYTES]);
        }
        remoteRelay.tell(new Batch(ClusterMeters.nowMicros(), packets));
      });
    } else {
      List<ActorRef<Delta>> remote = receivers.stream()
          .map(r -> there.<Delta>resolveActorRef(here.toSerializationFormat(r))).toList();
      room = room(tick -> {
        for (ActorRef<Delta> player : remote) {
          player.tell(new Delta(new byte[BYTES], false, ClusterMeters.nowMicros()));
        }
      });
    }
    ActorRef<Tick> roomRef = roomNode.systemActorOf(room, "room-" + relay + "-" + players,
        org.apache.pekko.actor.typed.Props.empty());
    Thread.sleep(WARM_UP.toMillis());
    latencies.reset();
    long before = delivered.get();
    double cpu = cpuPercent(MEASURE);
    Histogram histogram = latencies.getIntervalHistogram();
    double perSecond = (delivered.get() - before) / (double) MEASURE.toSeconds();
    double netCpuMicrosPerDelta = (cpu - idleCpu) / 100.0 * 1e6 / perSecond;
    System.out.printf("%7d %-10s %9.0f  %6.2f / %6.2f / %7.2f          %6.1f           %6.1f%n", players,
        relay ? "relay" : "per player", perSecond, histogram.getValueAtPercentile(50) / 1000.0,
        histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0, cpu,
        netCpuMicrosPerDelta);
    roomRef.tell(Tick.STOP);
    Thread.sleep(1000);
  }

  private static Behavior<Tick> room(java.util.function.Consumer<Tick> sendTick) {
    return Behaviors.withTimers(timers -> {
      timers.startTimerAtFixedRate(Tick.INSTANCE, Duration.ofMillis(1000 / HZ));
      return Behaviors.receiveMessage(tick -> {
        if (tick == Tick.STOP) {
          return Behaviors.stopped();
        }
        sendTick.accept(tick);
        return Behaviors.same();
      });
    });
  }

  private static Behavior<Delta> receiver(Recorder latencies, AtomicLong delivered) {
    return Behaviors.receiveMessage(event -> {
      latencies.recordValue(Math.max(0, ClusterMeters.nowMicros() - event.sentAtMicros()));
      delivered.incrementAndGet();
      return Behaviors.same();
    });
  }

  /** Fans a batch out to the local receivers, one Delta each, as a relay beside the sessions would. */
  private static Behavior<Batch> relay(List<ActorRef<Delta>> receivers) {
    return Behaviors.receiveMessage(batch -> {
      for (int i = 0; i < receivers.size(); i++) {
        receivers.get(i).tell(new Delta(batch.packets().get(i), false, batch.sentAtMicros()));
      }
      return Behaviors.same();
    });
  }

  private static int upMembers(ActorSystem<?> node) {
    int up = 0;
    for (var member : Cluster.get(node).state().getMembers()) {
      up += member.status() == MemberStatus.up() ? 1 : 0;
    }
    return up;
  }

  /** This process's CPU over {@code window}, as a percentage of one core. */
  private static double cpuPercent(Duration window) throws InterruptedException {
    long cpuBefore = OS.getProcessCpuTime();
    long wallBefore = System.nanoTime();
    Thread.sleep(window.toMillis());
    return 100.0 * (OS.getProcessCpuTime() - cpuBefore) / (System.nanoTime() - wallBefore);
  }
}
