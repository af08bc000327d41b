package rumble.loadtest;

/**
 * What one bot reports when it stops. Window figures cover the bot's measured time in the game
 * (idle mode: connected), after the warm-up and before it began to leave.
 */
public record BotResult(
    int index,
    Connection connection,
    boolean reachedGame,
    boolean loggedOut,
    String closeCode,
    long windowNanos,
    long deltasInWindow,
    long lostInWindow,
    long bytesInWindow,
    long bytesOutWindow,
    int tickHz,
    long deltasTotal,
    long lostTotal,
    long keyframeRequests,
    long leaderboards,
    long chatsSent,
    long chatsReceived,
    int timesEaten) {

  /** How the connection attempt ended. */
  public enum Connection { OK, FAILED, NOT_FINISHED }

  public double windowSeconds() {
    return windowNanos / 1e9;
  }
}
