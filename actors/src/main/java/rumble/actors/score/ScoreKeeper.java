package rumble.actors.score;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import rumble.actors.CborSerializable;

/**
 * Write-behind for best scores: rooms report a registered player's new best as it happens, and this
 * actor writes the highest per player in one batch every {@code interval}, sooner when a player
 * leaves, and on {@link Flush} at shutdown. At most one write is in flight; it runs on the blocking
 * dispatcher through {@code save}, and a failed batch is merged back to be retried.
 */
public final class ScoreKeeper extends AbstractBehavior<ScoreKeeper.Command> {

  public sealed interface Command extends CborSerializable {}

  public record Record(long playerId, long score) implements Command {}

  /** A player left: write soon rather than at the next interval. */
  public enum FlushSoon implements Command { INSTANCE }

  /** Writes everything pending and answers when it is in the database. */
  public record Flush(ActorRef<Done> replyTo) implements Command {}

  private enum Interval implements Command { INSTANCE }

  private record Saved(Map<Long, Long> batch, Throwable failure)
      implements Command, NoSerializationVerificationNeeded {}

  private static final Duration SOON = Duration.ofMillis(200);

  private final Function<Map<Long, Long>, CompletionStage<Integer>> save;
  private final TimerScheduler<Command> timers;
  private Map<Long, Long> pending = new HashMap<>();
  private final List<ActorRef<Done>> waiting = new ArrayList<>();
  private boolean writing;

  /** {@code save} writes a batch (player id → best score) and never lowers a stored score. */
  public static Behavior<Command> create(Function<Map<Long, Long>, CompletionStage<Integer>> save,
      Duration interval) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(Interval.INSTANCE, interval);
      return new ScoreKeeper(context, timers, save);
    }));
  }

  private ScoreKeeper(ActorContext<Command> context, TimerScheduler<Command> timers,
      Function<Map<Long, Long>, CompletionStage<Integer>> save) {
    super(context);
    this.timers = timers;
    this.save = save;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Record.class, this::onRecord)
        .onMessage(FlushSoon.class, soon -> onFlushSoon())
        .onMessage(Flush.class, this::onFlush)
        .onMessage(Interval.class, interval -> write())
        .onMessage(Saved.class, this::onSaved)
        .build();
  }

  private Behavior<Command> onRecord(Record record) {
    pending.merge(record.playerId(), record.score(), Math::max);
    return this;
  }

  private Behavior<Command> onFlushSoon() {
    if (!timers.isTimerActive(FlushSoon.INSTANCE)) {
      timers.startSingleTimer(FlushSoon.INSTANCE, Interval.INSTANCE, SOON);
    }
    return this;
  }

  private Behavior<Command> onFlush(Flush flush) {
    waiting.add(flush.replyTo());
    return write();
  }

  private Behavior<Command> write() {
    if (writing) {
      return this;
    }
    if (pending.isEmpty()) {
      waiting.forEach(replyTo -> replyTo.tell(Done.getInstance()));
      waiting.clear();
      return this;
    }
    Map<Long, Long> batch = pending;
    pending = new HashMap<>();
    writing = true;
    getContext().pipeToSelf(save.apply(batch), (rows, failure) -> new Saved(batch, failure));
    return this;
  }

  private Behavior<Command> onSaved(Saved saved) {
    writing = false;
    if (saved.failure() != null) {
      getContext().getLog().warn("Saving {} best scores failed; will retry", saved.batch().size(),
          saved.failure());
      saved.batch().forEach((player, score) -> pending.merge(player, score, Math::max));
      return this;
    }
    return waiting.isEmpty() ? this : write();
  }
}
