package rumble.actors.room;

import java.util.function.LongSupplier;
import org.apache.pekko.actor.typed.ActorRef;
import rumble.actors.link.ClientLinks;
import rumble.actors.metrics.ServerMetrics;
import rumble.actors.score.ScoreKeeper;

/**
 * What rooms of a node share. {@code nanoClock} is {@code System::nanoTime} in production; tests
 * drive it together with Pekko's ManualTime so tick cadence can be checked without waiting.
 * {@code links} are the node's sockets a room may write to directly; {@code matchmaker} is the
 * node's proxy to the cluster's one matchmaker, which rooms tell their population.
 */
public record RoomServices(
    RoomSettings settings,
    ServerMetrics metrics,
    ActorRef<ScoreKeeper.Command> scoreKeeper,
    LongSupplier nanoClock,
    ClientLinks links,
    ActorRef<Matchmaker.Command> matchmaker) {}
