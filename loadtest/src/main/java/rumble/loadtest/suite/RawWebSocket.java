package rumble.loadtest.suite;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import rumble.protocol.Packet;

/**
 * A bare RFC 6455 client over a plain socket, for clients that misbehave in ways a real library
 * won't: a tiny receive buffer, reading nothing for as long as the test likes, frames with any
 * header bits, length or masking, or bytes that are no frame at all.
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

    /** A close frame's status code: 1005 (none given) when its payload is empty. */
    public int closeCode() {
      return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    }

    public String closeReason() {
      return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }
  }

  /** How a connection ended, seen from the client: the close frame's code and reason, or none. */
  public record Close(int code, String reason) {
    /** The server dropped the connection without a close frame (EOF or reset). */
    public static final int NO_CLOSE_FRAME = -1;

    @Override
    public String toString() {
      return code == NO_CLOSE_FRAME ? "no close frame" : reason.isEmpty() ? code + " (no reason)" : code + " " + reason;
    }
  }

  /** Payloads longer than this are skipped rather than read into memory (a server never sends them). */
  private static final int MAX_READ = 16 << 20;

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
    return connect("127.0.0.1", port, receiveBuffer);
  }

  /** Connects to {@code /ws} on {@code host} (a loopback address) with the given receive buffer. */
  public static RawWebSocket connect(String host, int port, int receiveBuffer) throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer); // before connect, so the window starts small
    }
    socket.connect(new InetSocketAddress(host, port), 10_000);
    socket.setSoTimeout(10_000);
    RawWebSocket ws = new RawWebSocket(socket);
    ws.out.write(("GET /ws HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nUpgrade: websocket\r\n"
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
    sendFrame(0x80 | opcode, true, payload);
  }

  /**
   * One frame whose first byte (FIN, RSV1-3, opcode) is exactly {@code firstByte}, masked or not
   * (a client must mask; a server must fail a connection that doesn't).
   */
  public void sendFrame(int firstByte, boolean masked, byte[] payload) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.writeBytes(header(firstByte, masked, payload.length));
    byte[] mask = new byte[4];
    if (masked) {
      ThreadLocalRandom.current().nextBytes(mask);
      frame.write(mask);
    }
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    sendRaw(frame.toByteArray());
  }

  /**
   * A frame header announcing {@code length} payload bytes (up to 2^63 - 1, in the shortest form),
   * without the masking key: what follows is up to the caller.
   */
  public static byte[] header(int firstByte, boolean masked, long length) {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.write(firstByte);
    int maskBit = masked ? 0x80 : 0;
    if (length < 126) {
      header.write(maskBit | (int) length);
    } else if (length < 65536) {
      header.write(maskBit | 126);
      header.write((int) (length >> 8));
      header.write((int) (length & 0xFF));
    } else {
      header.write(maskBit | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        header.write((int) (length >>> shift) & 0xFF);
      }
    }
    return header.toByteArray();
  }

  /** Writes bytes as they are: a header of the caller's making, half a frame, anything. */
  public void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
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
    if (length > MAX_READ || length < 0) {
      throw new IOException("the server announced a frame of " + length + " bytes");
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new Frame(first & 0x0F, payload);
  }

  /**
   * Reads (and drops) frames until the server's close frame or the end of the connection, for at
   * most the socket's read timeout per frame; a timeout is reported as the IOException it is.
   */
  public Close awaitClose() throws IOException {
    try {
      while (true) {
        Frame frame = read();
        if (frame.isClose()) {
          return new Close(frame.closeCode(), frame.closeReason());
        }
      }
    } catch (SocketTimeoutException stillOpen) {
      throw stillOpen;
    } catch (EOFException | SocketException dropped) {
      return new Close(Close.NO_CLOSE_FRAME, "");
    }
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
