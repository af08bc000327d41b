package rumble.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rumble.http.ClientServingIntegrationTest.assertIsolated;
import static rumble.http.ClientServingIntegrationTest.get;
import static rumble.http.ClientServingIntegrationTest.gunzip;
import static rumble.http.ClientServingIntegrationTest.header;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CLIENT_PATH: a folder (a Godot HTML5 export) served at / with the same headers. */
class ClientDirectoryIntegrationTest {

  static byte[] wasm = new byte[100_000];

  @RegisterExtension
  static final TestServer server = TestServer.create().withFile("rumble.http.client-path", dir -> {
    Path export = Files.createDirectories(dir.resolve("export"));
    Files.writeString(export.resolve("index.html"), "<!DOCTYPE html><title>exported</title>");
    Files.write(export.resolve("index.wasm"), wasm);
    Files.writeString(export.resolve("index.js"), "var Engine = {};");
    Files.writeString(export.resolve("index.js.gz"), "not really gzip, but the twin wins");
    Files.write(export.resolve("index.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    Files.writeString(export.resolve(".secret"), "never served");
    Files.writeString(dir.resolve("outside.txt"), "never served");
    return export;
  });

  @Test
  void theFoldersIndexIsThePage() throws Exception {
    HttpResponse<byte[]> page = get(server.port(), "/");
    assertEquals(200, page.statusCode());
    assertEquals("text/html; charset=UTF-8", header(page, "Content-Type"));
    assertEquals("no-cache", header(page, "Cache-Control"));
    assertIsolated(page);
    assertTrue(new String(page.body(), StandardCharsets.UTF_8).contains("exported"));
    assertEquals(304, get(server.port(), "/", "If-None-Match", header(page, "ETag")).statusCode());
  }

  @Test
  void filesAreGzippedOnTheFlyOrFromTheirGzTwin() throws Exception {
    HttpResponse<byte[]> gzipped = get(server.port(), "/index.wasm", "Accept-Encoding", "gzip");
    assertEquals("application/wasm", header(gzipped, "Content-Type"));
    assertEquals("gzip", header(gzipped, "Content-Encoding"));
    assertArrayEquals(wasm, gunzip(gzipped.body()));
    assertIsolated(gzipped);
    HttpResponse<byte[]> plain = get(server.port(), "/index.wasm");
    assertEquals(null, header(plain, "Content-Encoding"));
    assertArrayEquals(wasm, plain.body());
    HttpResponse<byte[]> twin = get(server.port(), "/index.js", "Accept-Encoding", "gzip");
    assertEquals("text/javascript; charset=UTF-8", header(twin, "Content-Type"));
    assertEquals("not really gzip, but the twin wins", new String(twin.body(), StandardCharsets.UTF_8));
    HttpResponse<byte[]> image = get(server.port(), "/index.png", "Accept-Encoding", "gzip");
    assertEquals("image/png", header(image, "Content-Type"));
    assertEquals(null, header(image, "Content-Encoding"));
  }

  @Test
  void nothingOutsideTheFolderNorHiddenIsServed() throws Exception {
    assertEquals(404, get(server.port(), "/.secret").statusCode());
    assertEquals(404, get(server.port(), "/../outside.txt").statusCode());
    assertEquals(404, get(server.port(), "/%2e%2e/outside.txt").statusCode());
    assertEquals(404, get(server.port(), "/missing.js").statusCode());
    assertEquals(200, get(server.port(), "/health/live").statusCode());
  }
}
