package rumble.actors.link;

import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The {@link ClientLink}s of the sessions on this node, by session. A room finds a joining
 * player's link here rather than in the join message, which stays serializable: a room on another
 * node finds nothing and talks to the session with messages. The guardian adds a link as it starts
 * the session and removes it when the session stops.
 */
public final class ClientLinks {

  private final ConcurrentHashMap<ActorRef<?>, ClientLink> bySession = new ConcurrentHashMap<>();

  public void add(ActorRef<?> session, ClientLink link) {
    bySession.put(session, link);
  }

  public void remove(ActorRef<?> session) {
    bySession.remove(session);
  }

  /** The session's link when it lives on this node, else null. */
  public ClientLink find(ActorRef<?> session) {
    return bySession.get(session);
  }

  public int size() {
    return bySession.size();
  }
}
