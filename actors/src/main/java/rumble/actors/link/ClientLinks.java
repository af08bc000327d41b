package rumble.actors.link;

import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The {@link ClientLink}s of the players on this node, keyed by the ref a room knows the player by
 * (the one in its join), and by client id. A room finds a joining player's link here rather than in
 * the join message, which stays serializable: a join that crossed the network, or was serialized on
 * the way, resolves to the same ref and so finds the same link, and a room on another node finds
 * nothing: its deltas come through this node's relay, which finds the link by client id (client ids
 * are unique in the cluster). A session adds its link as it starts and removes it as it stops.
 */
public final class ClientLinks {

  private final ConcurrentHashMap<ActorRef<?>, ClientLink> byPlayer = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, ClientLink> byClient = new ConcurrentHashMap<>();

  public void add(ActorRef<?> player, long clientId, ClientLink link) {
    byPlayer.put(player, link);
    byClient.put(clientId, link);
  }

  public void remove(ActorRef<?> player, long clientId) {
    byPlayer.remove(player);
    byClient.remove(clientId);
  }

  /** The link of the client with this id when its socket is on this node, else null. */
  public ClientLink find(long clientId) {
    return byClient.get(clientId);
  }

  /** The player's link when its socket is on this node, else null. */
  public ClientLink find(ActorRef<?> player) {
    return byPlayer.get(player);
  }
}
