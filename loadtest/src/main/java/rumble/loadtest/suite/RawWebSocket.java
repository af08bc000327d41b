package rumble.loadtest.suite;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import rumble.protocol.Packet;

/**
 * A bare RFC 6455 client over a plain socket, for clients that misbehave in ways a real library
 * won't: a tiny receive buffer, reading nothing for as long as the test likes.
 */
public final class RawWebSocket implements AutoCloseable {

  /** One frame from the server: its opcode and payload. */
  public record Frame(int opcode, byte[] payload) {
    public boolean isBinary() {
      return opcode == 2;
    }

    public boolean isClose() {
      return opcode == 8;
    }

    public Packet packet() throws IOException {
      return Packet.parseFrom(payload);
    }
  }

  public final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Connects to {@code /ws} on 127.0.0.1 with the given receive buffer (bytes; 0 for the system's default). */
  public static RawWebSocket connect(int port, int receiveBuffer) throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer); // before connect, so the window starts small
    }
    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    socket.setSoTimeout(10_000);
    RawWebSocket ws = new RawWebSocket(socket);
    ws.out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    ws.out.flush();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      head.write(ws.in.readUnsignedByte());
    }
    if (!head.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 101")) {
      throw new IOException("no upgrade: " + head);
    }
    return ws;
  }

  public void send(Packet packet) throws IOException {
    sendFrame(2, packet.toByteArray());
  }

  /** One final frame of {@code opcode} (1 text, 2 binary, ...) with any payload, valid or not. */
  public void sendFrame(int opcode, byte[] payload) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x80 | opcode);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xFF);
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    frame.write(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    out.write(frame.toByteArray());
    out.flush();
  }

  /** The next frame; {@link EOFException} when the server closed the connection. */
  public Frame read() throws IOException {
    int first = in.readUnsignedByte();
    int second = in.readUnsignedByte();
    long length = second & 0x7F;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new Frame(first & 0x0F, payload);
  }

  /** The next binary frame that is a packet, skipping pings; null at a close frame. */
  public Packet readPacket() throws IOException {
    while (true) {
      Frame frame = read();
      if (frame.isClose()) {
        return null;
      }
      if (frame.isBinary()) {
        return frame.packet();
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
