package rumble.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The menu screens of the real client, driven like a player: clicks and keys at the controls the
 * client publishes in {@code window.rumble.ui}, checks on what it publishes as shown.
 */
class MenusBrowserTest {

  @RegisterExtension
  static final GodotBrowser browser = GodotBrowser.client();

  @Test
  void registerThenLogInWithEnterShowingTheServersErrorsVerbatim() {
    GodotPage page = browser.open("/");
    page.awaitState("login");
    page.click("RegisterLink");
    page.type("RegisterUsername", "Menus1");
    page.type("RegisterPassword", "password1");
    page.type("RegisterConfirm", "password2");
    page.press("Enter");
    awaitGame(page, "the mismatch error", g -> g.path("error").asText().equals("Passwords do not match"));

    page.click("RegisterSwatch5");
    page.click("RegisterConfirm").press("Control+A");
    page.typeHere("password1");
    page.press("Enter");
    awaitGame(page, "the login form after registering", g -> g.path("form").asText().equals("login")
        && lines(g.path("log")).stream().anyMatch(line -> line.startsWith("Registration successful")));

    page.click("RegisterLink");
    page.type("RegisterUsername", "menus1");
    page.type("RegisterPassword", "password1");
    page.type("RegisterConfirm", "password1");
    page.click("RegisterSubmit");
    awaitGame(page, "the duplicate error", g -> g.path("error").asText().equals("User already exists"));
    page.click("RegisterCancel");

    // The login form keeps the registered name; Enter in the password field submits.
    page.click("LoginPassword").press("Control+A");
    page.typeHere("wrong-password");
    page.press("Enter");
    awaitGame(page, "the login error",
        g -> g.path("error").asText().equals("Incorrect username or password"));
    page.click("LoginPassword").press("Control+A");
    page.typeHere("password1");
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
    page.type("GuestName", " Spacey");
    page.press("Enter");
    awaitGame(page, "the server's nickname error",
        g -> g.path("error").asText().equals("Invalid nickname: leading or trailing whitespace"));
    page.click("GuestName").press("Control+A");
    page.typeHere("Visitor");
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
    page.type("HiscoresSearch", wanted.toUpperCase());
    page.press("Enter");
    JsonNode found = awaitGame(page, "the highlighted row",
        g -> rowsHighlighted(g.path("hiscores")).equals(List.of(wanted))).path("hiscores");
    assertEquals(10, found.size());

    page.click("HiscoresSearch").press("Control+A");
    page.typeHere("nobody-by-that-name");
    page.click("HiscoresSearchButton");
    awaitGame(page, "the denial in the log",
        g -> lines(g.path("log")).contains("No player found with that name"));

    page.click("HiscoresBack");
    page.awaitState("login");
  }

  // --- helpers ---

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

  private static void register(String... usernames) throws Exception {
    browser.testServer().registerAccounts("password-for-menus", usernames);
  }
}
