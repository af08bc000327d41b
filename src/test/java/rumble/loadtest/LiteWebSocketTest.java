package rumble.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LiteWebSocketTest {

  @Test
  void acceptKeyAsInRfc6455() {
    // The example handshake of RFC 6455, section 1.3.
    assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", LiteWebSocket.expectedAccept("dGhlIHNhbXBsZSBub25jZQ=="));
  }
}
