package rumble.actors.room;

/** What one player's client currently knows about the room: the entities it has been told of. */
final class Viewer {

  final int playerId;
  final IdStamps players = new IdStamps();
  final IdStamps spores = new IdStamps();
  int seq;
  int playerStamp;
  int sporeStamp;
  boolean keyframeDue = true;
  /** Bytes sent in the current one-second window, for the bytes-per-second metric. */
  long bytesThisSecond;

  Viewer(int playerId) {
    this.playerId = playerId;
  }

  int entitiesInView() {
    return players.size() + spores.size() + 1;
  }
}
