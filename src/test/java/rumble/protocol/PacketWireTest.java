package rumble.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PacketWireTest {

  @Test
  void chatPacketMatchesTheOriginalTestVector() throws Exception {
    Packet packet = Packet.newBuilder()
        .setSenderId(69)
        .setChat(ChatMessage.newBuilder().setMsg("Hello, world!"))
        .build();
    byte[] expected = {8, 69, 18, 15, 10, 13, 72, 101, 108, 108, 111, 44, 32, 119, 111, 114, 108, 100, 33};
    assertArrayEquals(expected, packet.toByteArray());
    assertEquals(packet, Packet.parseFrom(expected));
  }
}
