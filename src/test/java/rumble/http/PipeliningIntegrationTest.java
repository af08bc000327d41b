package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Thousands of requests pipelined in one TCP write once overflowed the HTTP parser's stack, and the
 * fatal error took the whole process down. The abusive connection now gets answers (or a close) and
 * everyone else is served as before.
 */
class PipeliningIntegrationTest {

  @RegisterExtension
  static final TestServer server = TestServer.create();

  @Test
  void twoThousandPipelinedRequestsInOneWriteLeaveTheServerUp() throws Exception {
    assertSurvives("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 2000);
  }

  @Test
  void theSmallestRequestsPipelinedLeaveTheServerUpToo() throws Exception {
    assertSurvives("GET / HTTP/1.0\r\n\r\n", 20_000);
  }

  private static void assertSurvives(String request, int count) throws Exception {
    byte[] burst = request.repeat(count).getBytes(StandardCharsets.US_ASCII);
    int answers;
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      Thread writer = new Thread(() -> {
        try {
          out.write(burst); // one write; the kernel may split it, the parser sees big chunks
          out.flush();
        } catch (Exception closedMeanwhile) {
          // the server may close the abusive connection before it has read everything
        }
      });
      writer.start();
      answers = countAnswers(socket.getInputStream(), count);
      writer.join(10_000);
    }
    System.out.printf("pipelined %,d requests in one write: %,d answered%n", count, answers);
    assertEquals(200, Http.get(server.port(), "/health/live").statusCode(), "the server is still up");
    assertTrue(answers >= 1, "the abusive connection got at least one answer before any close");
  }

  /** Counts status lines until all came, the server closed, or it went quiet for a while. */
  private static int countAnswers(InputStream in, int expected) throws Exception {
    byte[] buffer = new byte[64 * 1024];
    String marker = "HTTP/1.";
    int answers = 0;
    String carry = "";
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (answers < expected && System.nanoTime() < deadline) {
      int read;
      try {
        read = in.read(buffer);
      } catch (SocketTimeoutException | java.net.SocketException quietOrReset) {
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
