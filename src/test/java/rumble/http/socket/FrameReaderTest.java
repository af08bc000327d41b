package rumble.http.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.http.impl.engine.ws.FrameData;
import org.apache.pekko.http.impl.engine.ws.FrameEvent;
import org.apache.pekko.http.impl.engine.ws.FrameHeader;
import org.apache.pekko.http.impl.engine.ws.FrameStart;
import org.apache.pekko.http.impl.engine.ws.Protocol;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import scala.Option;

/**
 * The client's frames as pekko-http's parser hands them over: masked, and split wherever TCP split
 * them. What comes out is what the session (or the close handshake) sees.
 */
class FrameReaderTest {

  private static final int MASK = 0x37FA213D;

  private final List<String> seen = new ArrayList<>();
  private final List<byte[]> payloads = new ArrayList<>();
  private final FrameReader reader = new FrameReader(16, 1_000, new FrameReader.Events() {
    @Override
    public void message(boolean text, byte[] payload, long size) {
      seen.add((text ? "text " : "binary ") + size + (payload == null ? " not kept" : ""));
      payloads.add(payload);
    }

    @Override
    public void ping(ByteString payload) {
      seen.add("ping " + payload.utf8String());
    }

    @Override
    public void peerClosed(int code, String reason) {
      seen.add("closed " + code + " " + reason);
    }

    @Override
    public void violation(int code, String reason) {
      seen.add("violation " + code + " " + reason);
    }
  });

  @Test
  void aMessageInThreeFragmentsSplitMidFrameWithAPingBetweenArrivesWhole() {
    byte[] whole = "fragmented hello".getBytes(StandardCharsets.UTF_8);
    // Fragment 1 arrives in two pieces: its start with 3 bytes, then the rest.
    List<FrameEvent> first = frame(PekkoFrames.BINARY, false, slice(whole, 0, 6));
    reader.read(((FrameStart) first.get(0)).withData(first.get(0).data().take(3)));
    reader.read(new FrameData(first.get(0).data().drop(3), true));
    frame(PekkoFrames.PING, true, "are you there".getBytes(StandardCharsets.UTF_8)).forEach(reader::read);
    frame(PekkoFrames.CONTINUATION, false, slice(whole, 6, 11)).forEach(reader::read);
    frame(PekkoFrames.CONTINUATION, true, slice(whole, 11, whole.length)).forEach(reader::read);
    assertEquals(List.of("ping are you there", "binary 16"), seen);
    assertArrayEquals(whole, payloads.get(0));
  }

  @Test
  void aMessageOverTheLimitIsCountedButNotKeptAndTheNextOneIsReadAgain() {
    frame(PekkoFrames.BINARY, true, new byte[40]).forEach(reader::read);
    frame(PekkoFrames.BINARY, true, new byte[] {1, 2, 3}).forEach(reader::read);
    assertEquals(List.of("binary 40 not kept", "binary 3"), seen);
  }

  @Test
  void aMessageBeyondTheCloseLimitFailsTheConnectionWith1009() {
    frame(PekkoFrames.BINARY, true, new byte[1_001]).forEach(reader::read);
    assertEquals(List.of("violation 1009 Message too large"), seen);
  }

  @Test
  void everyProtocolViolationNamesTheRuleAndNothingIsReadAfterIt() {
    reader.read(new FrameStart(new FrameHeader(opcode(PekkoFrames.BINARY), Option.empty(), 1, true, false, false,
        false), ByteString.fromArray(new byte[] {1})));
    frame(PekkoFrames.BINARY, true, new byte[] {1}).forEach(reader::read);
    assertEquals(List.of("violation 1002 Client frames must be masked"), seen);
  }

  @Test
  void textThatIsNotUtf8Fails1007AndValidTextIsAMessage() {
    frame(PekkoFrames.TEXT, true, "héllo".getBytes(StandardCharsets.UTF_8)).forEach(reader::read);
    frame(PekkoFrames.TEXT, true, new byte[] {'a', (byte) 0xC3, 0x28}).forEach(reader::read);
    assertEquals(List.of("text 6", "violation 1007 Text frames must be UTF-8"), seen);
  }

  @Test
  void aCloseFrameIsReadWithItsCodeAndReason() {
    byte[] body = {0x03, (byte) 0xE8, 'b', 'y', 'e'};
    frame(PekkoFrames.CLOSE, true, body).forEach(reader::read);
    assertEquals(List.of("closed 1000 bye"), seen);
  }

  @Test
  void aCloseCodeTheRfcReservesIsAViolation() {
    frame(PekkoFrames.CLOSE, true, new byte[] {0x03, (byte) 0xED}).forEach(reader::read); // 1005
    assertEquals(List.of("violation 1002 Invalid close code 1005"), seen);
  }

  /** One masked frame, as a single start event carrying all its data. */
  private static List<FrameEvent> frame(byte opcode, boolean fin, byte[] payload) {
    byte[] masked = payload.clone();
    for (int i = 0; i < masked.length; i++) {
      masked[i] ^= (byte) (MASK >>> (24 - 8 * (i & 3)));
    }
    FrameHeader header = new FrameHeader(opcode(opcode), Option.apply(MASK), payload.length, fin, false, false, false);
    return List.of(new FrameStart(header, ByteString.fromArray(masked)));
  }

  private static Protocol.Opcode opcode(byte code) {
    return Protocol.Opcode$.MODULE$.forCode(code);
  }

  private static byte[] slice(byte[] bytes, int from, int to) {
    return java.util.Arrays.copyOfRange(bytes, from, to);
  }
}
