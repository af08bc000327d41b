package rumble.actors.session;

import java.util.List;
import rumble.persistence.HiscoreEntry;
import rumble.protocol.ChatMessage;
import rumble.protocol.DenyResponseMessage;
import rumble.protocol.DisconnectMessage;
import rumble.protocol.HiscoreBoardMessage;
import rumble.protocol.HiscoreMessage;
import rumble.protocol.IdMessage;
import rumble.protocol.OkResponseMessage;
import rumble.protocol.Packet;

/** Builders for the packets a session sends, with the original's sender-id conventions. */
final class Packets {

  private static final OkResponseMessage OK = OkResponseMessage.getDefaultInstance();

  private Packets() {}

  static Packet id(long clientId) {
    return Packet.newBuilder().setSenderId(clientId).setId(IdMessage.newBuilder().setId(clientId)).build();
  }

  static Packet ok(long clientId) {
    return Packet.newBuilder().setSenderId(clientId).setOkResponse(OK).build();
  }

  static Packet deny(long clientId, String reason) {
    return Packet.newBuilder().setSenderId(clientId)
        .setDenyResponse(DenyResponseMessage.newBuilder().setReason(reason)).build();
  }

  /** A relayed line carries the speaker's id, so the client can tell who said it. */
  static Packet chat(long speakerId, String speakerName, String text) {
    return Packet.newBuilder().setSenderId(speakerId)
        .setChat(ChatMessage.newBuilder().setMsg(text).setName(speakerName)).build();
  }

  /** A line from the server itself: sender 0, as the original's server-made packets. */
  static Packet serverSays(String text) {
    return chat(0, "Server", text);
  }

  static Packet disconnect(long clientId, String reason) {
    return Packet.newBuilder().setSenderId(clientId)
        .setDisconnect(DisconnectMessage.newBuilder().setReason(reason)).build();
  }

  static Packet hiscores(long clientId, List<HiscoreEntry> rows) {
    HiscoreBoardMessage.Builder board = HiscoreBoardMessage.newBuilder();
    for (HiscoreEntry row : rows) {
      board.addHiscores(HiscoreMessage.newBuilder().setRank(row.rank()).setName(row.name()).setScore(row.score()));
    }
    return Packet.newBuilder().setSenderId(clientId).setHiscoreBoard(board).build();
  }
}
