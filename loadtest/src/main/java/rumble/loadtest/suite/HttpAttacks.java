package rumble.loadtest.suite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Abuse of the HTTP listener itself, each on plain sockets: requests pipelined by the thousand in
 * one write, request heads dribbled a byte at a time (slowloris), and heads far beyond the parser's
 * limits. Each returns what the client saw; the suite decides what passes.
 */
final class HttpAttacks {

  /** How one connection ended: the status line's code (0 when none came) and when it closed. */
  record Exchange(int status, boolean closed, long millis) {}

  record Pipelined(int sent, int answered, long millis) {}

  /** Connection lifetimes of a slowloris attack, in ms from each one's connect; -1 still open at the end. */
  record Slowloris(int opened, int failedToOpen, long[] closedAfterMs) {
    long stillOpen() {
      return Arrays.stream(closedAfterMs).filter(ms -> ms < 0).count();
    }

    long percentile(double p) {
      long[] closed = Arrays.stream(closedAfterMs).filter(ms -> ms >= 0).sorted().toArray();
      return closed.length == 0 ? -1 : closed[(int) Math.min(closed.length - 1, Math.ceil(p * closed.length) - 1)];
    }
  }

  private static final int SOCKET_TIMEOUT_MS = 5_000;

  private final String host;
  private final int port;

  HttpAttacks(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** {@code count} copies of {@code request} in one write; counts the responses until all came or it went quiet. */
  Pipelined pipeline(String request, int count) throws IOException, InterruptedException {
    byte[] burst = request.repeat(count).getBytes(StandardCharsets.US_ASCII);
    long start = System.nanoTime();
    try (Socket socket = open()) {
      Thread writer = writeInBackground(socket, burst);
      int answered = countStatusLines(socket.getInputStream(), count);
      writer.join(SOCKET_TIMEOUT_MS);
      return new Pipelined(count, answered, (System.nanoTime() - start) / 1_000_000);
    }
  }

  /** Sends {@code head} (a request head, however malformed) and reads the answer until the server closes. */
  Exchange send(byte[] head) throws IOException, InterruptedException {
    long start = System.nanoTime();
    try (Socket socket = open()) {
      Thread writer = writeInBackground(socket, head);
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      StringBuilder response = new StringBuilder();
      boolean closed = false;
      try {
        int read;
        while ((read = in.read(buffer)) >= 0) {
          response.append(new String(buffer, 0, Math.min(read, 64), StandardCharsets.ISO_8859_1));
        }
        closed = true;
      } catch (SocketTimeoutException stillOpen) {
        closed = false;
      } catch (SocketException reset) {
        closed = true;
      }
      writer.join(SOCKET_TIMEOUT_MS);
      String text = response.toString();
      int status = text.startsWith("HTTP/1.") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : 0;
      return new Exchange(status, closed, (System.nanoTime() - start) / 1_000_000);
    }
  }

  /**
   * Opens {@code count} connections and dribbles one byte of a never-ending request head into each
   * every {@code every}, watching (non-blocking, one thread) when the server cuts each off; gives up
   * at {@code limit} from the last connect. With {@code afterARequest} each connection first sends
   * one whole request, so the dribbled head is the second on a kept-alive connection.
   */
  Slowloris slowloris(int count, Duration every, Duration limit, boolean afterARequest) throws IOException {
    byte[] first = ("GET /health/live HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] head = ("GET /health/live HTTP/1.1\r\nHost: " + host + "\r\nX-Slow: ").getBytes(StandardCharsets.US_ASCII);
    List<SocketChannel> channels = new ArrayList<>();
    long[] opened = new long[count];
    long[] closedAfter = new long[count];
    int[] written = new int[count];
    int failed = 0;
    try (Selector selector = Selector.open()) {
      for (int i = 0; i < count; i++) {
        try {
          SocketChannel channel = SocketChannel.open(new InetSocketAddress(host, port));
          if (afterARequest) {
            channel.write(ByteBuffer.wrap(first)); // blocking: a few bytes into an empty buffer
          }
          channel.configureBlocking(false);
          channel.register(selector, SelectionKey.OP_READ, i);
          opened[i] = System.nanoTime();
          closedAfter[i] = -1;
          channels.add(channel);
        } catch (IOException refused) {
          failed++;
          closedAfter[i] = -2; // never opened
        }
      }
      long deadline = System.nanoTime() + limit.toNanos();
      long nextDribble = System.nanoTime();
      ByteBuffer sink = ByteBuffer.allocate(4096);
      int open = channels.size();
      while (open > 0 && System.nanoTime() < deadline) {
        if (System.nanoTime() >= nextDribble) {
          nextDribble += every.toNanos();
          for (SelectionKey key : selector.keys()) {
            int i = (Integer) key.attachment();
            byte next = written[i] < head.length ? head[written[i]] : (byte) 'a';
            try {
              if (((SocketChannel) key.channel()).write(ByteBuffer.wrap(new byte[] {next})) == 1) {
                written[i]++;
              }
            } catch (IOException reset) {
              open -= ended(key, opened, closedAfter);
            }
          }
        }
        selector.select(20);
        for (SelectionKey key : selector.selectedKeys()) {
          try {
            sink.clear();
            if (((SocketChannel) key.channel()).read(sink) < 0) {
              open -= ended(key, opened, closedAfter);
            }
          } catch (IOException reset) {
            open -= ended(key, opened, closedAfter);
          }
        }
        selector.selectedKeys().clear();
      }
    } finally {
      for (SocketChannel channel : channels) {
        channel.close();
      }
    }
    long[] lifetimes = Arrays.stream(closedAfter).filter(ms -> ms != -2).toArray();
    return new Slowloris(channels.size(), failed, lifetimes);
  }

  private static int ended(SelectionKey key, long[] opened, long[] closedAfter) throws IOException {
    int i = (Integer) key.attachment();
    if (!key.isValid() || closedAfter[i] >= 0) {
      return 0;
    }
    closedAfter[i] = (System.nanoTime() - opened[i]) / 1_000_000;
    key.cancel();
    key.channel().close();
    return 1;
  }

  private Socket open() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(host, port), SOCKET_TIMEOUT_MS);
    socket.setSoTimeout(SOCKET_TIMEOUT_MS);
    return socket;
  }

  /** Writes on its own thread: the server may answer (or close) before it has read everything. */
  private static Thread writeInBackground(Socket socket, byte[] bytes) {
    Thread writer = new Thread(() -> {
      try {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
      } catch (IOException closedMeanwhile) {
        // the server may close the abusive connection before it has read everything
      }
    }, "http-abuse-writer");
    writer.setDaemon(true);
    writer.start();
    return writer;
  }

  /** Counts status lines until all came, the server closed, or it went quiet for the socket timeout. */
  private static int countStatusLines(InputStream in, int expected) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    String marker = "HTTP/1.";
    int answers = 0;
    String carry = "";
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (answers < expected && System.nanoTime() < deadline) {
      int read;
      try {
        read = in.read(buffer);
      } catch (SocketTimeoutException | SocketException quietOrReset) {
        break;
      }
      if (read < 0) {
        break;
      }
      String text = carry + new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
      int from = 0;
      int at;
      while ((at = text.indexOf(marker, from)) >= 0) {
        answers++;
        from = at + marker.length();
      }
      carry = text.substring(Math.max(from, text.length() - marker.length() + 1));
    }
    return answers;
  }
}
