package rumble.actors.session;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import rumble.actors.metrics.ServerMetrics;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/** Which packets a client may send in which phase; the answer for those it may not. */
final class PacketRules {

  private static final Set<MsgCase> SERVER_ONLY = EnumSet.of(MsgCase.ID, MsgCase.OK_RESPONSE,
      MsgCase.DENY_RESPONSE, MsgCase.SPORE, MsgCase.SPORES_BATCH, MsgCase.HISCORE, MsgCase.HISCORE_BOARD,
      MsgCase.JOINED_ROOM, MsgCase.WORLD_DELTA, MsgCase.LEADERBOARD);

  /**
   * Eating claims and player states from the client. The server decides all of that itself; the
   * original client still sends them, so in game they are dropped quietly (and counted) rather than
   * answered with a denial per frame.
   */
  private static final Set<MsgCase> CLIENT_CLAIMS =
      EnumSet.of(MsgCase.PLAYER, MsgCase.SPORE_CONSUMED, MsgCase.PLAYER_CONSUMED);

  private static final Set<MsgCase> CONNECTED =
      EnumSet.of(MsgCase.LOGIN_REQUEST, MsgCase.REGISTER_REQUEST, MsgCase.HISCORE_BOARD_REQUEST,
          MsgCase.GUEST_LOGIN_REQUEST);
  private static final Set<MsgCase> IN_GAME =
      EnumSet.of(MsgCase.CHAT, MsgCase.PLAYER_DIRECTION, MsgCase.PLAYER_TARGET, MsgCase.KEYFRAME_REQUEST,
          MsgCase.DISCONNECT);
  private static final Set<MsgCase> BROWSING =
      EnumSet.of(MsgCase.SEARCH_HISCORE, MsgCase.FINISHED_BROWSING_HISCORES);

  private PacketRules() {}

  /**
   * Empty when the packet should be handled; otherwise the denial to send. Dropped claims also
   * return empty: there is nothing to deny, and the handler ignores them.
   */
  static Optional<String> check(Packet packet, PlayerSession.Phase phase, ServerMetrics metrics) {
    MsgCase type = packet.getMsgCase();
    if (type == MsgCase.MSG_NOT_SET) {
      return refuse(metrics, "empty_packet", "Empty packet: no message set");
    }
    if (SERVER_ONLY.contains(type)) {
      return refuse(metrics, "server_only_message", "Clients may not send " + label(type));
    }
    if (phase == PlayerSession.Phase.IN_GAME && CLIENT_CLAIMS.contains(type)) {
      metrics.rejected("client_claim_ignored");
      return Optional.empty();
    }
    Set<MsgCase> allowed = switch (phase) {
      case CONNECTED -> CONNECTED;
      case IN_GAME -> IN_GAME;
      case BROWSING_HISCORES -> BROWSING;
    };
    if (!allowed.contains(type)) {
      return refuse(metrics, "wrong_state",
          label(type) + " is not allowed while " + phase.name().toLowerCase().replace('_', ' '));
    }
    return Optional.empty();
  }

  private static Optional<String> refuse(ServerMetrics metrics, String label, String reason) {
    metrics.rejected(label);
    return Optional.of(reason);
  }

  private static String label(MsgCase type) {
    return type.name().toLowerCase().replace('_', ' ');
  }
}
