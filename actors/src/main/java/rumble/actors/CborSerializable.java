package rumble.actors;

/**
 * Marker for messages that may cross between cluster nodes: sessions, matchmaker, lobby and rooms
 * talk only through records that implement it, bound to Jackson CBOR in {@code application.conf}.
 * Tests run with {@code pekko.actor.serialize-messages = on}, so a message that could not travel
 * fails a test on one machine already.
 */
public interface CborSerializable {}
