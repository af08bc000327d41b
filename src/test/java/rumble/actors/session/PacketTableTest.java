package rumble.actors.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import rumble.protocol.Packet.MsgCase;

/** Every message in packets.proto must have its handling decided in PlayerSession's table. */
class PacketTableTest {

  @Test
  void everyMessageTypeHasADecidedHandling() {
    for (MsgCase type : MsgCase.values()) {
      PacketTable.Rule<PlayerSession> rule = ClientPackets.TABLE.rule(type);
      assertNotNull(rule, () -> type + " has no entry in ClientPackets.TABLE: decide how clients' "
          + type + " is handled, refused as server-only, or ignored as a client claim");
      if (rule instanceof PacketTable.Handle<PlayerSession> handle) {
        assertFalse(handle.phases().isEmpty(), () -> type + " is handled in no phase");
      } else if (rule instanceof PacketTable.Ignore<PlayerSession> ignore) {
        assertFalse(ignore.phases().isEmpty(), () -> type + " is ignored in no phase");
      }
    }
  }

  @Test
  void anEmptyPacketIsRefused() {
    PacketTable.Rule<PlayerSession> rule = ClientPackets.TABLE.rule(MsgCase.MSG_NOT_SET);
    assertTrue(rule instanceof PacketTable.Refuse, String.valueOf(rule));
    assertEquals("Empty packet: no message set", ((PacketTable.Refuse<PlayerSession>) rule).reason());
  }

  @Test
  void aTableThatLeavesATypeUndecidedDoesNotBuild() {
    PacketTable.Builder<Object> builder = PacketTable.builder();
    // everything but CHAT (the builder itself refuses the empty packet)
    builder.serverOnly(EnumSet.complementOf(EnumSet.of(MsgCase.MSG_NOT_SET, MsgCase.CHAT))
        .toArray(MsgCase[]::new));
    IllegalStateException error = assertThrows(IllegalStateException.class, builder::build);
    assertTrue(error.getMessage().contains("CHAT"), error.getMessage());
  }
}
