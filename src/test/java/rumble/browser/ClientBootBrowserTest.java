package rumble.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real client ({@code godot/}) boots in Chromium from the real server and reports its state. */
@EnabledIf(value = "clientExists", disabledReason = "the Godot client (godot/project.godot) is not written yet")
class ClientBootBrowserTest {

  @RegisterExtension
  static final GodotBrowser browser = GodotBrowser.client();

  static boolean clientExists() {
    return Files.exists(Path.of("godot", "project.godot"));
  }

  @Test
  void theClientBootsWithoutErrors() {
    GodotPage page = browser.open("/");
    page.awaitConsole("Godot Engine v4\\.6\\.");
    page.awaitConsole("\\[rumble\\] state=");
  }
}
