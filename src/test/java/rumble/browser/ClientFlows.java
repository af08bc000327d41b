package rumble.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a player does through the client's screens, step by step, with real clicks and key presses
 * at the controls the client publishes ({@code window.rumble.ui}). Shared by the browser tests so
 * each reads as a story rather than a list of clicks.
 */
final class ClientFlows {

  private ClientFlows() {}

  /** Opens the register form, fills it in with the colour of swatch {@code swatch}, submits. Returns "#rrggbb". */
  static String register(GodotPage page, String username, String password, int swatch) {
    page.awaitState("login");
    page.click("RegisterLink");
    page.type("RegisterUsername", username);
    page.type("RegisterPassword", password);
    page.type("RegisterConfirm", password);
    String before = page.awaitRumble("the colour picker", r -> r.at("/game/color").asText("").startsWith("#"))
        .at("/game/color").asText();
    page.click("RegisterSwatch" + swatch);
    String color = page.awaitRumble("the picked colour", r -> !r.at("/game/color").asText().equals(before))
        .at("/game/color").asText();
    page.click("RegisterSubmit");
    page.awaitRumble("the registration to succeed", r -> logContains(r.at("/game/log"), "Registration successful"));
    return color;
  }

  /** Types the credentials into the login form and submits with Enter, as players do. */
  static void logIn(GodotPage page, String username, String password) {
    page.awaitState("login");
    page.awaitRumble("the login form", r -> r.at("/game/form").asText().equals("login"));
    page.click("LoginUsername");
    page.press("Control+A");
    page.typeHere(username);
    page.type("LoginPassword", password);
    page.press("Enter");
    awaitPlaying(page);
  }

  /** Waits until the client is in the game and has drawn its own blob from a delta. */
  static JsonNode awaitPlaying(GodotPage page) {
    page.awaitState("in_game");
    return page.awaitRumble("the own blob", r -> r.at("/game/radius").asDouble() > 0);
  }

  /** Sends a chat line through the chat box with Enter. */
  static void say(GodotPage page, String text) {
    page.type("ChatInput", text);
    page.press("Enter");
  }

  /** Waits until the chat panel shows a line containing {@code text}; returns that line. */
  static String awaitChatLine(GodotPage page, String text) {
    JsonNode game = page.awaitRumble("a chat line with \"" + text + "\"",
        r -> logContains(r.at("/game/chat"), text)).path("game");
    for (JsonNode line : game.path("chat")) {
      if (line.asText().contains(text)) {
        return line.asText();
      }
    }
    throw new AssertionError("unreachable");
  }

  static boolean logContains(JsonNode lines, String text) {
    for (JsonNode line : lines) {
      if (line.asText().contains(text)) {
        return true;
      }
    }
    return false;
  }

  /** The canvas centre, where the camera keeps the own blob. */
  static final double CENTRE_X = GodotBrowser.WIDTH / 2.0;
  static final double CENTRE_Y = GodotBrowser.HEIGHT / 2.0;

  static void assertMoved(double before, double after, double atLeast, String what) {
    assertTrue(after - before >= atLeast, what + ": moved from " + before + " to " + after);
  }
}
