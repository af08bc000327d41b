package rumble.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.microsoft.playwright.Keyboard;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.protocol.OkResponseMessage;
import rumble.protocol.Packet;
import rumble.protocol.RegisterRequestMessage;

/**
 * The menu screens of the real client, driven like a player: clicks and keys at the controls the
 * client publishes in {@code window.rumble.ui}, checks on what it publishes as shown.
 */
@EnabledIf(value = "clientExists", disabledReason = "no Godot client (godot/project.godot)")
class MenusBrowserTest {

  @RegisterExtension
  static final GodotBrowser browser = GodotBrowser.client();

  static boolean clientExists() {
    return Files.exists(Path.of("godot", "project.godot"));
  }

  @Test
  void registerThenLogInWithEnterShowingTheServersErrorsVerbatim() {
    GodotPage page = browser.open("/");
    page.awaitState("login");
    page.click("RegisterLink");
    type(page, "RegisterUsername", "Menus1");
    type(page, "RegisterPassword", "password1");
    type(page, "RegisterConfirm", "password2");
    page.press("Enter");
    awaitGame(page, "the mismatch error", g -> g.path("error").asText().equals("Passwords do not match"));

    page.click("RegisterSwatch5");
    page.click("RegisterConfirm").press("Control+A");
    type(page, null, "password1");
    page.press("Enter");
    awaitGame(page, "the login form after registering", g -> g.path("form").asText().equals("login")
        && lines(g.path("log")).stream().anyMatch(line -> line.startsWith("Registration successful")));

    page.click("RegisterLink");
    type(page, "RegisterUsername", "menus1");
    type(page, "RegisterPassword", "password1");
    type(page, "RegisterConfirm", "password1");
    page.click("RegisterSubmit");
    awaitGame(page, "the duplicate error", g -> g.path("error").asText().equals("User already exists"));
    page.click("RegisterCancel");

    // The login form keeps the registered name; Enter in the password field submits.
    page.click("LoginPassword").press("Control+A");
    type(page, null, "wrong-password");
    page.press("Enter");
    awaitGame(page, "the login error",
        g -> g.path("error").asText().equals("Incorrect username or password"));
    page.click("LoginPassword").press("Control+A");
    type(page, null, "password1");
    page.press("Enter");
    page.awaitState("in_game");
  }

  @Test
  void guestScreenShowsItsErrorsAndPlays() {
    GodotPage page = browser.open("/");
    page.awaitState("login");
    page.click("GuestLink");
    page.awaitState("guest");
    page.click("GuestPlay");
    awaitGame(page, "the empty-name error", g -> g.path("error").asText().equals("Enter a nickname"));
    type(page, "GuestName", " Spacey");
    page.press("Enter");
    awaitGame(page, "the server's nickname error",
        g -> g.path("error").asText().equals("Invalid nickname: leading or trailing whitespace"));
    page.click("GuestName").press("Control+A");
    type(page, null, "Visitor");
    String green = page.game().path("color").asText();
    page.click("GuestSwatch2");
    awaitGame(page, "the yellow swatch", g -> !g.path("color").asText().equals(green));
    page.click("GuestPlay");
    page.awaitState("in_game");
  }

  @Test
  void nameParameterPlaysAsGuestAtOnceAndARefusalLandsOnTheGuestScreen() throws Exception {
    browser.open("/?name=Quick").awaitState("in_game");

    register("Taken1");
    GodotPage refused = browser.open("/?name=Taken1");
    refused.awaitState("guest");
    awaitGame(refused, "the refusal", g -> g.path("error").asText().contains("registered player"));
  }

  @Test
  void hiscoresPageSearchHighlightAndBack() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      names.add(String.format("Pager%02d", i));
    }
    register(names.toArray(String[]::new));
    GodotPage page = browser.open("/");
    page.awaitState("login");
    page.click("HiscoresButton");
    page.awaitState("hiscores");
    JsonNode top = awaitGame(page, "the top 10", g -> g.path("hiscores").size() == 10).path("hiscores");
    List<String> first = names(top);

    page.click("HiscoresNext");
    JsonNode second = awaitGame(page, "the second page",
        g -> !names(g.path("hiscores")).equals(first) && g.path("hiscores").size() == 10).path("hiscores");
    List<String> secondNames = names(second);
    assertTrue(secondNames.stream().noneMatch(first::contains),
        "pages overlap: " + first + " / " + secondNames);

    page.click("HiscoresPrev");
    awaitGame(page, "the first page again", g -> names(g.path("hiscores")).equals(first));

    String wanted = secondNames.get(3);
    type(page, "HiscoresSearch", wanted.toUpperCase());
    page.press("Enter");
    JsonNode found = awaitGame(page, "the highlighted row",
        g -> rowsHighlighted(g.path("hiscores")).equals(List.of(wanted))).path("hiscores");
    assertEquals(10, found.size());

    page.click("HiscoresSearch").press("Control+A");
    type(page, null, "nobody-by-that-name");
    page.click("HiscoresSearchButton");
    awaitGame(page, "the denial in the log",
        g -> lines(g.path("log")).contains("No player found with that name"));

    page.click("HiscoresBack");
    page.awaitState("login");
  }

  // --- helpers ---

  /**
   * Types into a control (or the focused one when {@code control} is null), then lets two frames
   * pass: the web engine takes keys once per frame but a click at once, so a click right after
   * typing could overtake the last keys.
   */
  private static void type(GodotPage page, String control, String text) {
    if (control != null) {
      page.click(control);
    }
    page.page().keyboard().type(text, new Keyboard.TypeOptions().setDelay(20));
    page.page().evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
  }

  private static JsonNode awaitGame(GodotPage page, String what, Predicate<JsonNode> test) {
    return page.awaitRumble(what, rumble -> test.test(rumble.path("game"))).path("game");
  }

  private static List<String> lines(JsonNode array) {
    List<String> lines = new ArrayList<>();
    array.forEach(line -> lines.add(line.asText()));
    return lines;
  }

  private static List<String> names(JsonNode rows) {
    List<String> names = new ArrayList<>();
    rows.forEach(row -> names.add(row.path("name").asText()));
    return names;
  }

  private static List<String> rowsHighlighted(JsonNode rows) {
    List<String> names = new ArrayList<>();
    rows.forEach(row -> {
      if (row.path("highlight").asBoolean()) {
        names.add(row.path("name").asText());
      }
    });
    return names;
  }

  /** Registers accounts over a plain WebSocket, one request at a time (the server's rule). */
  private static void register(String... usernames) throws Exception {
    LinkedBlockingQueue<Packet> inbox = new LinkedBlockingQueue<>();
    URI url = URI.create("ws://127.0.0.1:" + browser.server().port() + "/ws");
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(url, new Inbox(inbox)).get(10, TimeUnit.SECONDS);
    try {
      next(inbox, Packet.MsgCase.ID);
      for (String username : usernames) {
        Packet request = Packet.newBuilder().setRegisterRequest(RegisterRequestMessage.newBuilder()
            .setUsername(username).setPassword("password-" + username).setColor(-1)).build();
        socket.sendBinary(ByteBuffer.wrap(request.toByteArray()), true).get(10, TimeUnit.SECONDS);
        assertEquals(OkResponseMessage.getDefaultInstance(),
            next(inbox, Packet.MsgCase.OK_RESPONSE).getOkResponse());
      }
    } finally {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }
  }

  private static Packet next(LinkedBlockingQueue<Packet> inbox, Packet.MsgCase wanted)
      throws InterruptedException {
    Packet packet = inbox.poll(20, TimeUnit.SECONDS);
    if (packet == null || packet.getMsgCase() != wanted) {
      throw new AssertionError("expected " + wanted + ", got " + packet);
    }
    return packet;
  }

  /** Collects the server's packets, one Packet per binary message. */
  private static final class Inbox implements WebSocket.Listener {
    private final LinkedBlockingQueue<Packet> packets;
    private final ByteArrayOutputStream frame = new ByteArrayOutputStream();

    Inbox(LinkedBlockingQueue<Packet> packets) {
      this.packets = packets;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      frame.writeBytes(bytes);
      if (last) {
        try {
          packets.add(Packet.parseFrom(frame.toByteArray()));
        } catch (InvalidProtocolBufferException e) {
          throw new IllegalStateException(e);
        }
        frame.reset();
      }
      webSocket.request(1);
      return null;
    }
  }
}
