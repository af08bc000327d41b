package rumble.persistence;

/**
 * A registered user joined with its player row. {@code username} is the lower-cased login key;
 * {@code name} is what other players see, with the case typed at registration. {@code color} is
 * 0xRRGGBBAA as a signed int, as the client sends it.
 */
public record Account(
    long userId, long playerId, String username, String name, String passwordHash, int color,
    long bestScore) {

  /** Keeps hashes out of logs: records print every field by default. */
  @Override
  public String toString() {
    return "Account[userId=" + userId + ", playerId=" + playerId + ", username=" + username
        + ", name=" + name + ", color=" + color + ", bestScore=" + bestScore + "]";
  }
}
