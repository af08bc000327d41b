package rumble.actors.session;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import rumble.actors.metrics.ServerMetrics;
import rumble.actors.session.PlayerSession.Phase;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/**
 * Every packet type a client can send and what a session does with it: handled in named phases,
 * refused (server-only, or the empty packet), or ignored as a client claim. {@link Builder#build()}
 * refuses a table that leaves any {@link MsgCase} undecided, so a message added to
 * {@code packets.proto} cannot fall through a silent default.
 *
 * @param <S> the session whose handlers the table calls
 */
final class PacketTable<S> {

  interface Handler<S> {
    void handle(S session, Packet packet);
  }

  sealed interface Rule<S> {}

  /**
   * Handled in {@code phases}; denied in the others. {@code oneAtATime} requests are answered
   * asynchronously (or must not overtake one that is), so they are denied while one is pending.
   */
  record Handle<S>(Set<Phase> phases, boolean oneAtATime, Handler<S> handler) implements Rule<S> {}

  /**
   * Eating claims and player states from the client. The server decides all of that itself; the
   * original client still sends them, so in {@code phases} they are dropped quietly (and counted)
   * rather than answered with a denial per frame. Elsewhere they are denied like any misplaced packet.
   */
  record Ignore<S>(Set<Phase> phases) implements Rule<S> {}

  /** Never accepted from a client, whatever the phase. */
  record Refuse<S>(String metric, String reason) implements Rule<S> {}

  private final Map<MsgCase, Rule<S>> rules;

  private PacketTable(Map<MsgCase, Rule<S>> rules) {
    this.rules = rules;
  }

  static <S> Builder<S> builder() {
    return new Builder<>();
  }

  /** The rule for {@code type}; never null for a built table. */
  Rule<S> rule(MsgCase type) {
    return rules.get(type);
  }

  /**
   * Runs the packet's handler if {@code phase} accepts it. Otherwise counts why not and returns the
   * denial to send; empty also for an ignored claim, since there is nothing to deny.
   */
  Optional<String> dispatch(S session, Packet packet, Phase phase, boolean busy, ServerMetrics metrics) {
    MsgCase type = packet.getMsgCase();
    Rule<S> rule = rules.get(type);
    if (rule instanceof Refuse<S> refuse) {
      return refuse(metrics, refuse.metric(), refuse.reason());
    }
    if (rule instanceof Ignore<S> ignore && ignore.phases().contains(phase)) {
      metrics.rejected("client_claim_ignored");
      return Optional.empty();
    }
    if (!(rule instanceof Handle<S> handle) || !handle.phases().contains(phase)) {
      return refuse(metrics, "wrong_state",
          label(type) + " is not allowed while " + phase.name().toLowerCase().replace('_', ' '));
    }
    if (busy && handle.oneAtATime()) {
      return refuse(metrics, "busy", "Still working on your previous request - try again in a moment");
    }
    handle.handler().handle(session, packet);
    return Optional.empty();
  }

  private static Optional<String> refuse(ServerMetrics metrics, String label, String reason) {
    metrics.rejected(label);
    return Optional.of(reason);
  }

  private static String label(MsgCase type) {
    return type.name().toLowerCase().replace('_', ' ');
  }

  static final class Builder<S> {
    private final Map<MsgCase, Rule<S>> rules = new EnumMap<>(MsgCase.class);

    private Builder() {
      put(MsgCase.MSG_NOT_SET, new Refuse<>("empty_packet", "Empty packet: no message set"));
    }

    Builder<S> handle(MsgCase type, Set<Phase> phases, Handler<S> handler) {
      return put(type, new Handle<>(EnumSet.copyOf(phases), false, handler));
    }

    /** A request answered asynchronously: one at a time per session. */
    Builder<S> oneAtATime(MsgCase type, Set<Phase> phases, Handler<S> handler) {
      return put(type, new Handle<>(EnumSet.copyOf(phases), true, handler));
    }

    Builder<S> serverOnly(MsgCase... types) {
      for (MsgCase type : types) {
        put(type, new Refuse<>("server_only_message", "Clients may not send " + label(type)));
      }
      return this;
    }

    Builder<S> ignoreClaims(Set<Phase> phases, MsgCase... types) {
      for (MsgCase type : types) {
        put(type, new Ignore<>(EnumSet.copyOf(phases)));
      }
      return this;
    }

    private Builder<S> put(MsgCase type, Rule<S> rule) {
      if (rules.putIfAbsent(type, rule) != null) {
        throw new IllegalStateException(type + " is in the packet table twice");
      }
      return this;
    }

    PacketTable<S> build() {
      Set<MsgCase> missing = EnumSet.complementOf(EnumSet.copyOf(rules.keySet()));
      if (!missing.isEmpty()) {
        throw new IllegalStateException("No handling decided for " + missing);
      }
      return new PacketTable<>(Map.copyOf(rules));
    }
  }
}
