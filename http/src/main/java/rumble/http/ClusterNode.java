package rumble.http;

import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rumble.actors.metrics.ServerMetrics;

/**
 * This node's membership: joins the seed nodes, or runs the cluster bootstrap, or joins itself when
 * neither is set; and reads its own status for {@code /health/ready} and the members by status for
 * {@code /metrics}.
 */
final class ClusterNode {

  /** The self status in which the node serves (what readiness waits for). */
  static final String UP = status(MemberStatus.up());

  private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);

  private final Cluster cluster;

  private ClusterNode(Cluster cluster) {
    this.cluster = cluster;
  }

  static ClusterNode join(ActorSystem<?> system, ClusterSettings settings, ServerMetrics metrics) {
    Cluster cluster = Cluster.get(system);
    if (settings.bootstrap().isPresent()) {
      bootstrap(system, settings.bootstrap().get());
    } else if (settings.seeds().isEmpty()) {
      log.info("Cluster: {} joins itself (CLUSTER_SEED_NODES empty)", cluster.selfMember().address());
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    } else {
      log.info("Cluster: {} joins the seed nodes {}", cluster.selfMember().address(), settings.seedAddresses());
      cluster.manager().tell(new JoinSeedNodes(settings.seedAddresses()));
    }
    ClusterNode node = new ClusterNode(cluster);
    metrics.cluster().members(node::membersIn, node::unreachable);
    return node;
  }

  /**
   * Starts the management endpoint (stopped again by the coordinated shutdown) and the bootstrap,
   * which joins the node once discovery and the other contact points agree. A taken port fails here.
   */
  private static void bootstrap(ActorSystem<?> system, BootstrapSettings settings) {
    PekkoManagement management = PekkoManagement.get(system);
    String where = management.settings().getHttpHostname() + ":" + settings.managementPort();
    try {
      var uri = management.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
      log.info("Cluster: management endpoint on {}; bootstrap of service \"{}\" through {} discovery", uri,
          settings.serviceName(), settings.discovery());
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException("Pekko Management could not listen on " + where
          + " (CLUSTER_HOST, MANAGEMENT_PORT): " + cause.getMessage() + ". Another server on this machine?"
          + " Give this one its own MANAGEMENT_PORT.", cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting Pekko Management on " + where, e);
    }
    // Pekko Management registers no shutdown of its own. The bootstrap's probes to other nodes use
    // pekko-http's client pools: closed here, they don't log "shut down unexpectedly" at termination.
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceStop(), "management-stop",
        () -> management.stop().exceptionally(error -> Done.getInstance())
            .thenCompose(stopped -> Http.get(system).shutdownAllConnectionPools())
            .thenApply(closed -> Done.getInstance()));
    ClusterBootstrap.get(system).start();
  }

  /**
   * This node's own member status in snake_case: joining, up, leaving, exiting, down, removed, ...
   * Until a seed node (or the bootstrap) lets it in, Pekko reports a node that is not yet a member as
   * Removed; that is "joining" here, and "removed" only once the node has left for good.
   */
  String selfStatus() {
    MemberStatus status = cluster.selfMember().status();
    if (status.equals(MemberStatus.removed()) && !cluster.isTerminated()) {
      return status(MemberStatus.joining());
    }
    return status(status);
  }

  /** Whether this node is an Up member (or was, and is leaving now): it has its place in the cluster. */
  boolean isUp() {
    return cluster.selfMember().upNumber() > 0;
  }

  /** This node's remoting address as {@code host:port}, what other nodes list as a seed. */
  String selfHostPort() {
    var address = cluster.selfMember().address();
    return address.getHost().orElseThrow() + ":" + address.getPort().orElseThrow();
  }

  private int membersIn(String status) {
    int count = 0;
    for (Member member : cluster.state().getMembers()) {
      if (status(member.status()).equals(status)) {
        count++;
      }
    }
    return count;
  }

  private int unreachable() {
    return cluster.state().getUnreachable().size();
  }

  private static String status(MemberStatus status) {
    // WeaklyUp -> weakly_up, PreparingForShutdown -> preparing_for_shutdown
    return status.toString().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
