package rumble.actors.session;

import org.apache.pekko.actor.typed.ActorRef;
import rumble.actors.account.AccountService;
import rumble.actors.account.AccountLimits;
import rumble.actors.account.SessionRegistry;
import rumble.actors.link.ClientLinks;
import rumble.actors.room.Matchmaker;
import rumble.actors.metrics.ServerMetrics;

/**
 * What every session of a node shares: where to send things, and the node's limits. {@code links}
 * is the registry the node's rooms look players' sockets up in (the same one as the rooms').
 */
public record SessionServices(
    ServerMetrics metrics,
    AccountService accounts,
    AccountLimits limits,
    ActorRef<Matchmaker.Command> matchmaker,
    ActorRef<SessionRegistry.Command> registry,
    SessionSettings settings,
    ClientLinks links) {}
