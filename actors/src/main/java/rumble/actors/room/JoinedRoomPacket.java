package rumble.actors.room;

import rumble.protocol.JoinedRoomMessage;
import rumble.protocol.Packet;
import rumble.sim.ViewRules;

/** The JoinedRoomMessage a player gets on joining: which room, and how its client reads the deltas. */
final class JoinedRoomPacket {

  private JoinedRoomPacket() {}

  static byte[] encode(RoomSettings settings, int roomId, long clientId) {
    return Packet.newBuilder().setJoinedRoom(JoinedRoomMessage.newBuilder()
        .setPlayerId(clientId).setRoomId(roomId).setWorldHalfSize(settings.world().halfSize())
        .setTickHz(settings.world().tickHz()).setPositionScale(Quantized.POSITION_SCALE)
        .setHeadingSteps(Quantized.HEADING_STEPS)
        .setViewWidth(settings.viewWidth()).setViewHeight(settings.viewHeight())
        .setStartRadius(settings.world().startRadius()).setViewGrowth(ViewRules.GROWTH_EXPONENT))
        .build().toByteArray();
  }
}
