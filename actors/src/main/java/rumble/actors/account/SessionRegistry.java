package rumble.actors.account;

import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import rumble.actors.CborSerializable;
import rumble.actors.session.PlayerSession;

/**
 * Keeps one live session per account. A second login takes over: the older session is told to
 * close with a reason and the newer one proceeds. We chose take-over over refusal because the usual
 * cause of a "second login" is a player whose previous connection died without closing (phone
 * asleep, Wi-Fi switch); refusing would lock them out until the dead socket timed out.
 */
public final class SessionRegistry extends AbstractBehavior<SessionRegistry.Command> {

  public static final String TAKEN_OVER = "Logged in from another connection";

  public sealed interface Command extends CborSerializable {}

  /** Claims {@code userId} for {@code session}; the answer comes once any older holder was told. */
  public record Claim(long userId, ActorRef<PlayerSession.Command> session, ActorRef<Claimed> replyTo)
      implements Command {}

  /** Frees {@code userId} if {@code session} still holds it (logout). */
  public record Release(long userId, ActorRef<PlayerSession.Command> session) implements Command {}

  public record Claimed(long userId) implements CborSerializable {}

  private final Map<Long, ActorRef<PlayerSession.Command>> holders = new HashMap<>();

  public static Behavior<Command> create() {
    return Behaviors.setup(SessionRegistry::new);
  }

  private SessionRegistry(ActorContext<Command> context) {
    super(context);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Claim.class, this::onClaim)
        .onMessage(Release.class, this::onRelease)
        .onSignal(Terminated.class, this::onTerminated)
        .build();
  }

  private Behavior<Command> onClaim(Claim claim) {
    ActorRef<PlayerSession.Command> previous = holders.put(claim.userId(), claim.session());
    if (previous != null && !previous.equals(claim.session())) {
      previous.tell(new PlayerSession.Kick(TAKEN_OVER));
    }
    getContext().watch(claim.session());
    claim.replyTo().tell(new Claimed(claim.userId()));
    return this;
  }

  private Behavior<Command> onRelease(Release release) {
    holders.remove(release.userId(), release.session());
    return this;
  }

  private Behavior<Command> onTerminated(Terminated terminated) {
    holders.values().removeIf(ref -> ref.equals(terminated.getRef()));
    return this;
  }
}
