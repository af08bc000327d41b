package rumble.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Properties;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.godot.pack.ProjectPacker;

/** The browser client as a browser fetches it: page, engine and pack, headers, gzip, 304s. */
class ClientServingIntegrationTest {

  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String ENGINE = "/engine/4.6.0/";

  static byte[] pack;
  static Properties manifest = new Properties();

  @RegisterExtension
  static final TestServer server = TestServer.create().withFile("rumble.http.client-pack", dir -> {
    var engine = ClientServingIntegrationTest.class.getClassLoader().getResourceAsStream("web/engine/engine.properties");
    if (engine == null) {
      throw new AssertionError("The Godot web engine is missing from target/classes/web/engine: the build could not"
          + " fetch it (see its [engine] WARNING); npm and the npm registry are needed once");
    }
    manifest.load(engine);
    pack = ProjectPacker.of(Path.of("src/test/resources/godot-smoke")).pack();
    return Files.write(dir.resolve("smoke.pck"), pack);
  });

  static HttpResponse<byte[]> get(int port, String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static void assertIsolated(HttpResponse<?> response) {
    assertEquals("same-origin", header(response, "Cross-Origin-Opener-Policy"));
    assertEquals("require-corp", header(response, "Cross-Origin-Embedder-Policy"));
    assertEquals("same-origin", header(response, "Cross-Origin-Resource-Policy"));
    assertEquals("Accept-Encoding", header(response, "Vary"));
  }

  static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  static byte[] gunzip(byte[] gzipped) throws IOException {
    return new GZIPInputStream(new ByteArrayInputStream(gzipped)).readAllBytes();
  }

  @Test
  void thePageLoadsTheEngineAndThePackAndIsRevalidated() throws Exception {
    HttpResponse<byte[]> page = get(server.port(), "/");
    assertEquals(200, page.statusCode());
    assertEquals("text/html; charset=UTF-8", header(page, "Content-Type"));
    assertEquals("no-cache", header(page, "Cache-Control"));
    assertIsolated(page);
    String html = new String(page.body(), StandardCharsets.UTF_8);
    assertTrue(html.contains("<script src=\"" + ENGINE + "index.js\">"), html);
    assertTrue(html.contains("mainPack: '/client/radius-rumble.pck'"), html);
    assertTrue(html.contains("<link rel=\"icon\" href=\"data:,\">"), html);
    assertTrue(html.contains("'/client/radius-rumble.pck': " + pack.length), html);
    String etag = header(page, "ETag");
    HttpResponse<byte[]> again = get(server.port(), "/", "If-None-Match", etag);
    assertEquals(304, again.statusCode());
    assertEquals(0, again.body().length);
    assertEquals(etag, header(again, "ETag"));
    assertIsolated(again);
  }

  @Test
  void theWasmIsGzippedForBrowsersThatTakeGzipAndPlainOtherwise() throws Exception {
    HttpResponse<byte[]> gzipped = get(server.port(), ENGINE + "index.wasm", "Accept-Encoding", "gzip, deflate, br");
    assertEquals(200, gzipped.statusCode());
    assertEquals("application/wasm", header(gzipped, "Content-Type"));
    assertEquals("gzip", header(gzipped, "Content-Encoding"));
    assertEquals("public, max-age=31536000, immutable", header(gzipped, "Cache-Control"));
    assertIsolated(gzipped);
    assertEquals(String.valueOf(gzipped.body().length), header(gzipped, "Content-Length"));
    byte[] wasm = gunzip(gzipped.body());
    assertEquals(manifest.getProperty("index.wasm.sha256"), sha256(wasm));

    HttpResponse<byte[]> plain = get(server.port(), ENGINE + "index.wasm");
    assertEquals(200, plain.statusCode());
    assertEquals(null, header(plain, "Content-Encoding"));
    assertEquals(manifest.getProperty("index.wasm.size"), header(plain, "Content-Length"));
    assertArrayEquals(wasm, plain.body());
    assertIsolated(plain);

    HttpResponse<byte[]> refused = get(server.port(), ENGINE + "index.wasm", "Accept-Encoding", "gzip;q=0, *");
    assertEquals(null, header(refused, "Content-Encoding"));
    assertEquals(wasm.length, refused.body().length);
  }

  @Test
  void engineScriptsAreJavaScript() throws Exception {
    for (String name : new String[] {"index.js", "index.audio.worklet.js", "index.audio.position.worklet.js"}) {
      HttpResponse<byte[]> script = get(server.port(), ENGINE + name, "Accept-Encoding", "gzip");
      assertEquals(200, script.statusCode(), name);
      assertEquals("text/javascript; charset=UTF-8", header(script, "Content-Type"), name);
      assertEquals(manifest.getProperty(name + ".size"), String.valueOf(gunzip(script.body()).length), name);
      assertIsolated(script);
    }
  }

  @Test
  void thePackIsBinaryRevalidatedAndAnsweredWith304WhenUnchanged() throws Exception {
    HttpResponse<byte[]> pck = get(server.port(), "/client/radius-rumble.pck");
    assertEquals(200, pck.statusCode());
    assertEquals("application/octet-stream", header(pck, "Content-Type"));
    assertEquals("no-cache", header(pck, "Cache-Control"));
    assertArrayEquals(pack, pck.body());
    assertIsolated(pck);
    HttpResponse<byte[]> gzipped = get(server.port(), "/client/radius-rumble.pck", "Accept-Encoding", "gzip");
    assertArrayEquals(pack, gunzip(gzipped.body()));
    assertEquals(304, get(server.port(), "/client/radius-rumble.pck", "If-None-Match", header(pck, "ETag"))
        .statusCode());
    assertEquals(304, get(server.port(), "/client/radius-rumble.pck", "If-None-Match", header(gzipped, "ETag"))
        .statusCode());
    assertEquals(200, get(server.port(), "/client/radius-rumble.pck", "If-None-Match", "\"other\"").statusCode());
  }

  @Test
  void unknownPathsAre404AndTheOtherEndpointsStillAnswer() throws Exception {
    assertEquals(404, get(server.port(), "/engine/4.6.0/index.pck").statusCode());
    assertEquals(404, get(server.port(), "/nothing-here").statusCode());
    assertEquals(200, get(server.port(), "/health/live").statusCode());
    assertEquals(200, get(server.port(), "/metrics").statusCode());
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
