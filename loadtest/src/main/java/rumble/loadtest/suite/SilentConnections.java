package rumble.loadtest.suite;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Connections that never send anything of their own: plain TCP connects without a request, and
 * WebSocket upgrades that never log in. One selector thread reads (and forgets) whatever the server
 * sends, so thousands cost no thread each, and notes when the server closes each one.
 */
final class SilentConnections implements AutoCloseable {

  enum Kind { RAW, UPGRADED }

  private static final byte[] HTTP_101 = "HTTP/1.1 101".getBytes(StandardCharsets.US_ASCII);

  /** One silent connection; the times are System.nanoTime, closed −1 while open. */
  private static final class Silent {
    final Kind kind;
    final SocketChannel channel;
    final long openedNanos = System.nanoTime();
    volatile long closedNanos = -1;
    volatile boolean upgraded;
    boolean answered;

    Silent(Kind kind, SocketChannel channel) {
      this.kind = kind;
      this.channel = channel;
    }
  }

  private final InetSocketAddress server;
  private final Selector selector = Selector.open();
  private final Queue<Silent> toRegister = new ConcurrentLinkedQueue<>();
  private final List<Silent> all = new ArrayList<>();
  private final Thread loop;
  private volatile boolean running = true;

  SilentConnections(String host, int port) throws IOException {
    this.server = new InetSocketAddress(host, port);
    this.loop = new Thread(this::select, "silent-connections");
    loop.setDaemon(true);
    loop.start();
  }

  /** Opens {@code count} connections of {@code kind}, at most {@code perSecond} a second. */
  void open(Kind kind, int count, double perSecond) throws IOException, InterruptedException {
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = start + (long) (i / perSecond * 1e9);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      SocketChannel channel = SocketChannel.open();
      channel.socket().connect(server, 10_000);
      if (kind == Kind.UPGRADED) {
        channel.write(ByteBuffer.wrap(("GET /ws HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
      }
      channel.configureBlocking(false);
      Silent silent = new Silent(kind, channel);
      synchronized (all) {
        all.add(silent);
      }
      toRegister.add(silent);
      selector.wakeup();
    }
  }

  private void select() {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    while (running) {
      try {
        selector.select(100);
        Silent next;
        while ((next = toRegister.poll()) != null) {
          next.channel.register(selector, SelectionKey.OP_READ, next);
        }
        for (SelectionKey key : selector.selectedKeys()) {
          read((Silent) key.attachment(), key, buffer);
        }
        selector.selectedKeys().clear();
      } catch (IOException e) {
        // a selector failure: the connections' closes can no longer be seen; the suite times out
        running = false;
      }
    }
  }

  private static void read(Silent silent, SelectionKey key, ByteBuffer buffer) {
    int read;
    try {
      buffer.clear();
      read = silent.channel.read(buffer);
    } catch (IOException reset) {
      read = -1;
    }
    if (read > 0 && !silent.answered) {
      silent.answered = true;
      silent.upgraded = buffer.position() >= HTTP_101.length
          && java.util.Arrays.equals(buffer.array(), 0, HTTP_101.length, HTTP_101, 0, HTTP_101.length);
    }
    if (read < 0) {
      silent.closedNanos = System.nanoTime();
      key.cancel();
      try {
        silent.channel.close();
      } catch (IOException ignored) {
        // closed by the server already
      }
    }
  }

  /** Connections of {@code kind} still open (null for every kind). */
  int open(Kind kind) {
    return (int) snapshot().stream().filter(s -> (kind == null || s.kind == kind) && s.closedNanos < 0).count();
  }

  /** Connections of {@code kind} that were upgraded to WebSocket (the server answered 101). */
  int upgraded(Kind kind) {
    return (int) snapshot().stream().filter(s -> s.kind == kind && s.upgraded).count();
  }

  /** Time from connect to the server's close, per closed connection of {@code kind}. */
  Millis closedAfter(Kind kind) {
    Millis millis = new Millis();
    snapshot().stream().filter(s -> s.kind == kind && s.closedNanos >= 0)
        .forEach(s -> millis.add((s.closedNanos - s.openedNanos) / 1e6));
    return millis;
  }

  private List<Silent> snapshot() {
    synchronized (all) {
      return new ArrayList<>(all);
    }
  }

  @Override
  public void close() throws IOException {
    running = false;
    try {
      loop.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Silent silent : snapshot()) {
      silent.channel.close();
    }
    selector.close();
  }
}
