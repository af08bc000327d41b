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

/**
 * Keeps one live session per account. A second login takes over: the older session is told to
 * close with a reason and the newer one proceeds. We chose take-over over refusal because the usual
 * cause of a "second login" is a player whose previous connection died without closing (phone
 * asleep, Wi-Fi switch); refusing would lock them out until the dead socket timed out.
 *
 * <p>It knows a session only as the {@code ActorRef<TakenOver>} it claimed with (the session adapts
 * {@link TakenOver} into closing itself), so accounts need nothing from the session package.
 */
public final class SessionRegistry extends AbstractBehavior<SessionRegistry.Command> {

  public static final String TAKEN_OVER = "Logged in from another connection";

  public sealed interface Command extends CborSerializable {}

  /**
   * Claims {@code userId} for {@code holder}, which is watched; the answer comes once any older
   * holder was told {@link TakenOver}.
   */
  public record Claim(long userId, ActorRef<TakenOver> holder, ActorRef<Claimed> replyTo)
      implements Command {}

  /** Frees {@code userId} if {@code holder} still holds it (logout). */
  public record Release(long userId, ActorRef<TakenOver> holder) implements Command {}

  public record Claimed(long userId) implements CborSerializable {}

  /** To the older holder of a claimed account: close, telling the client {@link #TAKEN_OVER}. */
  public enum TakenOver implements CborSerializable { INSTANCE }

  private final Map<Long, ActorRef<TakenOver>> holders = new HashMap<>();

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
    ActorRef<TakenOver> previous = holders.put(claim.userId(), claim.holder());
    if (previous != null && !previous.equals(claim.holder())) {
      previous.tell(TakenOver.INSTANCE);
    }
    getContext().watch(claim.holder());
    claim.replyTo().tell(new Claimed(claim.userId()));
    return this;
  }

  private Behavior<Command> onRelease(Release release) {
    holders.remove(release.userId(), release.holder());
    return this;
  }

  private Behavior<Command> onTerminated(Terminated terminated) {
    holders.values().removeIf(ref -> ref.equals(terminated.getRef()));
    return this;
  }
}
