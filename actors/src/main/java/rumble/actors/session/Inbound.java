package rumble.actors.session;

import rumble.protocol.Packet;

/** What the socket stream hands a session for each WebSocket message the client sent. */
public sealed interface Inbound {

  /** A binary frame that parsed as a {@link Packet}. */
  record Parsed(Packet packet, int bytes) implements Inbound {}

  /**
   * A message that is not a packet. {@code label} is the metrics reason (snake_case), {@code reason}
   * the text the client is told.
   */
  record Unreadable(String label, String reason, int bytes) implements Inbound {}
}
