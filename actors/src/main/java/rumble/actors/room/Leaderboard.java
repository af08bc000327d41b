package rumble.actors.room;

import java.util.Arrays;
import java.util.Map;
import rumble.protocol.LeaderboardEntry;
import rumble.protocol.LeaderboardMessage;
import rumble.protocol.Packet;
import rumble.sim.World;

/** The room's top players by mass; says whether it changed since it was last sent. */
final class Leaderboard {

  private final int size;
  private long[] lastIds = new long[0];
  private long[] lastScores = new long[0];
  private byte[] lastPacket;

  Leaderboard(int size) {
    this.size = size;
  }

  /** The packet to broadcast, or null when the board is the same as last time. */
  byte[] nextIfChanged(World world, Map<Integer, Member> members) {
    int count = Math.min(size, members.size());
    long[] ids = new long[count];
    long[] scores = new long[count];
    String[] names = new String[count];
    int[] filled = {0};
    world.forEachPlayer(id -> { // biggest first, as of the last step
      Member member = members.get(id);
      if (filled[0] < count && member != null) {
        ids[filled[0]] = member.clientId;
        scores[filled[0]] = world.score(id);
        names[filled[0]] = member.name;
        filled[0]++;
      }
    });
    if (Arrays.equals(ids, lastIds) && Arrays.equals(scores, lastScores)) {
      return null;
    }
    lastIds = ids;
    lastScores = scores;
    LeaderboardMessage.Builder board = LeaderboardMessage.newBuilder();
    for (int i = 0; i < count; i++) {
      board.addEntries(LeaderboardEntry.newBuilder().setPlayerId(ids[i]).setScore(scores[i])
          .setName(names[i]));
    }
    lastPacket = Packet.newBuilder().setLeaderboard(board).build().toByteArray();
    return lastPacket;
  }

  /** The board last sent, for a player who joined since; null before the first one. */
  byte[] current() {
    return lastPacket;
  }
}
