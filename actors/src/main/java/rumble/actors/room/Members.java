package rumble.actors.room;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Who is in a room, found by client id (the players' messages) and by player id in the world (the
 * leaderboard). Owned by one {@link Room}; not thread-safe.
 */
final class Members {

  private final Map<Long, Member> byClient = new HashMap<>();
  private final Map<Integer, Member> byPlayer = new HashMap<>();

  void add(Member member) {
    byClient.put(member.clientId, member);
    byPlayer.put(member.playerId(), member);
  }

  /** Removes the client's member and returns it, or null when it was not in the room. */
  Member remove(long clientId) {
    Member member = byClient.remove(clientId);
    if (member != null) {
      byPlayer.remove(member.playerId());
    }
    return member;
  }

  /** The client's member, or null (a message from a player that already left). */
  Member get(long clientId) {
    return byClient.get(clientId);
  }

  Collection<Member> all() {
    return byClient.values();
  }

  Map<Integer, Member> byPlayer() {
    return byPlayer;
  }

  int size() {
    return byClient.size();
  }

  boolean isEmpty() {
    return byClient.isEmpty();
  }

  void tellAll(Room.Event event) {
    for (Member member : byClient.values()) {
      member.player.tell(event);
    }
  }

  /** Tells everyone in the room but {@code sender}, e.g. a chat line they should not see echoed. */
  void tellOthers(Member sender, Room.Event event) {
    for (Member member : byClient.values()) {
      if (member != sender) {
        member.player.tell(event);
      }
    }
  }
}
