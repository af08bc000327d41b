package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/**
 * Lobby chat over real WebSockets. "Heard nothing" is shown without waiting for silence: a later
 * line from someone else arrives next, and the lobby relays lines in the order it gets them.
 */
class ChatIntegrationTest {

  private static final String PASSWORD = "correct horse";

  @RegisterExtension
  static final TestServer server = TestServer.create()
      // The chat budget is 5 lines at once; refill slowly enough that the burst test cannot be
      // rescued by a refill on a slow machine. Every sender in this class says at most 5 lines.
      .withConfig("rumble.session.chat.per-second", 0.01);

  private static final Map<TestClient, String> NAMES = new ConcurrentHashMap<>();

  private static TestClient player(String prefix) throws Exception {
    TestClient client = TestClient.connect(server.port());
    String name = Names.fresh(prefix);
    client.registerAndLogin(name, PASSWORD);
    NAMES.put(client, name);
    return client;
  }

  private static void assertHears(TestClient listener, TestClient speaker, String text) throws Exception {
    Packet line = listener.expect(MsgCase.CHAT);
    assertEquals(speaker.id, line.getSenderId(), "relayed chat carries the speaker's id");
    assertEquals(NAMES.get(speaker), line.getChat().getName(), "and their name, for speakers out of view");
    assertEquals(text, line.getChat().getMsg());
  }

  @Test
  void lineIsRelayedToEveryoneElseWithTheSpeakersIdAndNotEchoed() throws Exception {
    try (TestClient alice = player("Alice"); TestClient bob = player("Bob"); TestClient carol = player("Carol")) {
      alice.chat("hello everyone");
      assertHears(bob, alice, "hello everyone");
      assertHears(carol, alice, "hello everyone");

      bob.chat("hi Alice");
      // Alice's own line would have reached her before Bob's answer: there was no echo.
      assertHears(alice, bob, "hi Alice");
      assertHears(carol, bob, "hi Alice");
    }
  }

  @Test
  void chatBeforeLoginOrWhileBrowsingIsDeniedAndNotRelayed() throws Exception {
    try (TestClient listener = player("Listener"); TestClient speaker = player("Speaker");
        TestClient outsider = TestClient.connect(server.port())) {
      outsider.chat("let me in");
      assertEquals("chat is not allowed while connected", outsider.expectDeny());
      outsider.requestHiscores();
      outsider.expectBoard();
      outsider.chat("from the board");
      assertEquals("chat is not allowed while browsing hiscores", outsider.expectDeny());

      speaker.chat("marker");
      assertHears(listener, speaker, "marker");
    }
  }

  @Test
  void lineOf256CharactersPassesAnd257IsDenied() throws Exception {
    try (TestClient speaker = player("Long"); TestClient listener = player("Reader")) {
      speaker.chat("x".repeat(257));
      assertEquals("Chat message too long (at most 256 characters)", speaker.expectDeny());

      String longest = "y".repeat(256);
      speaker.chat(longest);
      assertHears(listener, speaker, longest);

      // The limit counts characters: 256 emoji (512 UTF-16 units, 1 KiB on the wire) pass whole.
      String emoji = "\uD83D\uDE00".repeat(256);
      speaker.chat(emoji);
      assertHears(listener, speaker, emoji);
      speaker.chat(emoji + "!");
      assertEquals("Chat message too long (at most 256 characters)", speaker.expectDeny());
    }
  }

  @Test
  void burstOfFiveLinesPassesThenTheSpeakerIsSlowedDown() throws Exception {
    try (TestClient speaker = player("Fast"); TestClient listener = player("Ears"); TestClient other = player("Other")) {
      for (int i = 1; i <= 6; i++) {
        speaker.chat("line " + i);
      }
      assertEquals("You are chatting too fast - wait a moment", speaker.expectDeny());
      for (int i = 1; i <= 5; i++) {
        assertHears(listener, speaker, "line " + i);
      }
      // The sixth line never arrives; someone else's does. Other speakers have their own budget.
      other.chat("my turn");
      assertHears(listener, other, "my turn");
    }
  }

  @Test
  void controlAndInvisibleCharactersAreStrippedBeforeOthersSeeTheLine() throws Exception {
    try (TestClient speaker = player("Sneaky"); TestClient listener = player("Victim")) {
      speaker.chat("  he\u0000llo\u0007 wor\u202Eld\u200B\r\n\t");
      assertHears(listener, speaker, "hello world");
      // The zero-width joiner stays: emoji sequences need it.
      speaker.chat("\uD83D\uDC69\u200D\uD83D\uDCBB coding");
      assertHears(listener, speaker, "\uD83D\uDC69\u200D\uD83D\uDCBB coding");
    }
  }

  @Test
  void emptyOrInvisibleOnlyLinesAreDenied() throws Exception {
    try (TestClient speaker = player("Quiet"); TestClient listener = player("Waiting")) {
      speaker.chat("");
      assertEquals("Chat message is empty", speaker.expectDeny());
      speaker.chat("    ");
      assertEquals("Chat message is empty", speaker.expectDeny());
      speaker.chat("\u0000\u200B\t\n ");
      assertEquals("Chat message is empty", speaker.expectDeny());
      speaker.chat("finally");
      assertHears(listener, speaker, "finally");
    }
  }

  @Test
  void loggedOutPlayerGetsIdAgainAndHearsNoMoreChat() throws Exception {
    try (TestClient leaver = player("Leaver"); TestClient speaker = player("Talker");
        TestClient stayer = player("Stayer")) {
      speaker.chat("before");
      assertHears(leaver, speaker, "before");
      assertHears(stayer, speaker, "before");

      leaver.logout();
      assertEquals(leaver.id, leaver.expect(MsgCase.ID).getId().getId());

      speaker.chat("after");
      assertHears(stayer, speaker, "after");
      // Had "after" reached the leaver, it would come before the answer to this request.
      leaver.chat("can I still talk?");
      assertEquals("chat is not allowed while connected", leaver.expectDeny());

      stayer.chat("to the ones still here");
      assertHears(speaker, stayer, "to the ones still here");
    }
  }

  @Test
  void playerWhoseConnectionDropsLeavesTheOthersChatting() throws Exception {
    try (TestClient speaker = player("Stays"); TestClient listener = player("Hears")) {
      TestClient dropper = player("Drops");
      dropper.close();
      speaker.chat("still works");
      assertHears(listener, speaker, "still works");
    }
  }
}
