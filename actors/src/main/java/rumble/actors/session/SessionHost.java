package rumble.actors.session;

import rumble.protocol.Packet;

/**
 * What a {@link PlayerSession}'s helpers ({@link AccountFlow}, {@link GameFlow}) may do to it. The
 * helpers hold the state of their part of the conversation; the session keeps the phase and the
 * outbound path. Everything runs on the actor's thread.
 */
interface SessionHost {

  PlayerSession.Phase phase();

  /** The session is closing: results that arrive now are dropped. */
  boolean closing();

  void enter(PlayerSession.Phase next);

  /** Sends a DenyResponse with {@code reason}. */
  void deny(String reason);

  void send(Packet packet, Outbox.Kind kind);

  /** Sends a packet the room already encoded. */
  void send(Packet.MsgCase type, byte[] packet, Outbox.Kind kind);

  /** Whether a waiting world delta was replaced by a newer one since the last call. */
  boolean takeStateDropped();

  /** Whether frames wait in the session's backlog (the socket's queue is full). */
  boolean backlogged();
}
