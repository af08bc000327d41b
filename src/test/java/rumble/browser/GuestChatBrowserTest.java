package rumble.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.actors.Guardian;

/**
 * Guests who come in by a shared link ({@code /?name=NICK}), talk to each other through the chat box,
 * see markup as the text it is, ride out a dropped connection, and log out.
 */
class GuestChatBrowserTest {

  @RegisterExtension
  static final GodotBrowser browser = GodotBrowser.client();

  @Test
  void twoGuestsByLinkChatAndMarkupShowsLiterally() {
    GodotPage ann = browser.open("/?name=Ann");
    GodotPage ben = browser.open("/?name=Ben");
    ClientFlows.awaitPlaying(ann);
    ClientFlows.awaitPlaying(ben);

    ClientFlows.say(ann, "hello Ben");
    String heard = ClientFlows.awaitChatLine(ben, "hello Ben");
    assertTrue(heard.contains("Ann"), "Ben sees who spoke: " + heard);
    // The server does not echo chat: the speaker's own line is shown once, by the client.
    assertEquals("You: hello Ben", ClientFlows.awaitChatLine(ann, "hello Ben"));
    assertEquals(1, ann.game().path("chat").size(), "own line shown once: " + ann.game().path("chat"));
    ben.awaitRumble("both players on the room's leaderboard", r -> r.at("/game/leaderboard").size() == 2);

    String markup = "[b]bold[/b] [url=https://evil.example]click[/url] [color=red]x[/color]";
    ClientFlows.say(ben, markup);
    String shown = ClientFlows.awaitChatLine(ann, "[b]bold[/b]");
    assertTrue(shown.contains(markup), "BBCode is shown as typed, not interpreted: " + shown);

    ann.click("LogoutButton");
    ann.awaitState("login");
    ben.awaitRumble("Ben still playing", r -> r.path("state").asText().equals("in_game"));
  }

  @Test
  void aDroppedConnectionReconnectsAndReturnsToTheGame() throws Exception {
    GodotPage cleo = browser.open("/?name=Cleo");
    ClientFlows.awaitPlaying(cleo);
    long deltasBefore = cleo.game().path("deltas").asLong();

    // The server drops every connection (as when a node restarts behind a load balancer).
    AskPattern.<Guardian.Command, Done>ask(browser.server().system(),
        replyTo -> new Guardian.DisconnectAll("Server shutting down", Duration.ofSeconds(2), replyTo),
        Duration.ofSeconds(5), browser.server().system().scheduler()).toCompletableFuture().get();

    cleo.awaitRumble("the reconnect to be announced",
        r -> r.at("/game/notice").asText().contains("Reconnected"));
    cleo.awaitState("in_game");
    cleo.awaitRumble("deltas flowing again", r -> r.at("/game/radius").asDouble() > 0
        && r.at("/game/deltas").asLong() > 20);
    assertEquals("in_game", cleo.state(), "back in the game without touching anything (was at "
        + deltasBefore + " deltas)");
  }
}
