package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/** Chat in game reaches the players of the speaker's room and nobody else. */
class RoomChatIntegrationTest {

  @RegisterExtension
  static final TestServer server = TestServer.create()
      .withConfig("rumble.game.room.capacity", 2)
      .withConfig("rumble.game.world.half-size", 500)
      .withConfig("rumble.game.spores.target", 100);

  @Test
  void aChatLineStaysInsideItsRoom() throws Exception {
    try (GameClient ann = GameClient.guest(server, "ann");
        GameClient bea = GameClient.guest(server, "bea");
        GameClient cid = GameClient.guest(server, "cid")) {
      ann.assertInRoomWith(bea);
      assertNotEquals(ann.world.roomId(), cid.world.roomId(), "a room of two is full: cid gets another one");

      ann.chat("hello room one");
      Packet line = bea.awaitPacket(MsgCase.CHAT);
      assertEquals(ann.id, line.getSenderId(), "the line carries its speaker's id");
      assertEquals("hello room one", line.getChat().getMsg());

      cid.chat("hello room two");
      // By the time everyone has played on for half a second, a stray line would have arrived.
      GameClient.playDeltas(10, ann, bea, cid);
      assertEquals(List.of(), cid.received(MsgCase.CHAT), "room two heard nothing from room one");
      assertEquals(List.of(), ann.received(MsgCase.CHAT), "room one heard nothing from room two");
      assertEquals(List.of(), bea.received(MsgCase.CHAT));
    }
  }
}
