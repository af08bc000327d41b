package rumble.actors.session;

import java.util.EnumSet;
import java.util.Set;
import rumble.actors.room.Room;
import rumble.protocol.Packet.MsgCase;

/** What a client may send a {@link PlayerSession}, in which phase, and which part of it handles it. */
final class ClientPackets {

  private static final Set<PlayerSession.Phase> CONNECTED_ONLY = EnumSet.of(PlayerSession.Phase.CONNECTED);
  private static final Set<PlayerSession.Phase> IN_GAME_ONLY = EnumSet.of(PlayerSession.Phase.IN_GAME);
  private static final Set<PlayerSession.Phase> BROWSING_ONLY = EnumSet.of(PlayerSession.Phase.BROWSING_HISCORES);

  /**
   * What a client may send, in which phase, and who handles it. Requests answered asynchronously
   * are one at a time per session, which also bounds the password hashing a single client can cause.
   */
  static final PacketTable<PlayerSession> TABLE = PacketTable.<PlayerSession>builder()
      .oneAtATime(MsgCase.LOGIN_REQUEST, CONNECTED_ONLY, (s, p) -> s.accounts.onLoginRequest(p))
      .oneAtATime(MsgCase.GUEST_LOGIN_REQUEST, CONNECTED_ONLY, (s, p) -> s.accounts.onGuestLogin(p))
      .oneAtATime(MsgCase.REGISTER_REQUEST, CONNECTED_ONLY, (s, p) -> s.accounts.onRegisterRequest(p))
      .oneAtATime(MsgCase.HISCORE_BOARD_REQUEST, CONNECTED_ONLY, (s, p) -> s.accounts.onHiscoreBoardRequest())
      .oneAtATime(MsgCase.SEARCH_HISCORE, BROWSING_ONLY,
          (s, p) -> s.accounts.onSearchHiscore(p.getSearchHiscore().getName()))
      .handle(MsgCase.FINISHED_BROWSING_HISCORES, BROWSING_ONLY, (s, p) -> s.accounts.onFinishedBrowsing())
      .handle(MsgCase.CHAT, IN_GAME_ONLY, (s, p) -> s.game.onChat(p.getChat().getMsg()))
      .handle(MsgCase.PLAYER_DIRECTION, IN_GAME_ONLY,
          (s, p) -> s.game.toRoom(new Room.Steer(s.clientId, p.getPlayerDirection().getDirection())))
      .handle(MsgCase.PLAYER_TARGET, IN_GAME_ONLY, (s, p) -> s.game.toRoom(new Room.SteerTo(s.clientId,
          p.getPlayerTarget().getX(), p.getPlayerTarget().getY())))
      .handle(MsgCase.KEYFRAME_REQUEST, IN_GAME_ONLY,
          (s, p) -> s.game.toRoom(new Room.RequestKeyframe(s.clientId)))
      .handle(MsgCase.DISCONNECT, IN_GAME_ONLY, (s, p) -> s.onLogout())
      .ignoreClaims(IN_GAME_ONLY, MsgCase.PLAYER, MsgCase.SPORE_CONSUMED, MsgCase.PLAYER_CONSUMED)
      .serverOnly(MsgCase.ID, MsgCase.OK_RESPONSE, MsgCase.DENY_RESPONSE, MsgCase.SPORE,
          MsgCase.SPORES_BATCH, MsgCase.HISCORE, MsgCase.HISCORE_BOARD, MsgCase.JOINED_ROOM,
          MsgCase.WORLD_DELTA, MsgCase.LEADERBOARD)
      .build();

  private ClientPackets() {}
}
