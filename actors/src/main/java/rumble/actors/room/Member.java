package rumble.actors.room;

import org.apache.pekko.actor.typed.ActorRef;
import rumble.actors.link.ClientLink;
import rumble.actors.session.PlayerSession;

/** A player in a room: its session, its player in the world, and what its client was told. */
final class Member {

  final long clientId;
  final String name;
  final ActorRef<PlayerSession.Command> session;
  /** The short way to the client's socket when it is on this node, else null (see ClientLink). */
  final ClientLink link;
  /** The account's players-table id, or 0 for a guest (guests' scores are never saved). */
  final long accountPlayerId;
  final Viewer viewer;
  /** The best score the database already has, so only a better one is written. */
  long savedBest;
  /** The last leaderboard did not fit in the client's queue: send the current one again. */
  boolean boardMissed;

  Member(long clientId, String name, int playerId, ActorRef<PlayerSession.Command> session, ClientLink link,
      long accountPlayerId, long savedBest) {
    this.link = link;
    this.clientId = clientId;
    this.name = name;
    this.session = session;
    this.accountPlayerId = accountPlayerId;
    this.savedBest = savedBest;
    this.viewer = new Viewer(playerId);
  }

  int playerId() {
    return viewer.playerId;
  }

  boolean registered() {
    return accountPlayerId != 0;
  }
}
