package rumble.actors.lobby;

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
 * A place where logged-in players chat. Relays each line to everyone else present, tagged with the
 * sender's id; the sender gets no echo (clients print their own line locally, as the original did).
 * Sessions are watched, so one that dies without saying goodbye still leaves.
 */
public final class Lobby extends AbstractBehavior<Lobby.Command> {

  public sealed interface Command extends CborSerializable {}

  public record Enter(long playerId, String name, ActorRef<PlayerSession.Command> session)
      implements Command {}

  public record Leave(long playerId) implements Command {}

  /** Text already checked and cleaned by the sender's session. */
  public record Say(long playerId, String text) implements Command {}

  private record Present(String name, ActorRef<PlayerSession.Command> session) {}

  private final Map<Long, Present> present = new HashMap<>();

  public static Behavior<Command> create() {
    return Behaviors.setup(Lobby::new);
  }

  private Lobby(ActorContext<Command> context) {
    super(context);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Enter.class, this::onEnter)
        .onMessage(Leave.class, this::onLeave)
        .onMessage(Say.class, this::onSay)
        .onSignal(Terminated.class, this::onTerminated)
        .build();
  }

  private Behavior<Command> onEnter(Enter enter) {
    present.put(enter.playerId(), new Present(enter.name(), enter.session()));
    getContext().watch(enter.session());
    return this;
  }

  private Behavior<Command> onLeave(Leave leave) {
    Present gone = present.remove(leave.playerId());
    if (gone != null) {
      getContext().unwatch(gone.session());
    }
    return this;
  }

  private Behavior<Command> onSay(Say say) {
    Present speaker = present.get(say.playerId());
    if (speaker == null) {
      return this;
    }
    PlayerSession.ChatRelayed line = new PlayerSession.ChatRelayed(say.playerId(), speaker.name(), say.text());
    present.forEach((id, listener) -> {
      if (id != say.playerId()) {
        listener.session().tell(line);
      }
    });
    return this;
  }

  private Behavior<Command> onTerminated(Terminated terminated) {
    present.values().removeIf(p -> p.session().equals(terminated.getRef()));
    return this;
  }
}
