package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.ConfigFactory;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * Pekko's own same-version check is relaxed (reference.conf: pekko-discovery is older than the BOM, the
 * mirror has no 1.7.0), so this keeps it for every other Pekko module on the classpath.
 * ClusterBootstrapIntegrationTest runs the older discovery (config method) on this Pekko. (Not a DNS
 * lookup here: a test machine need not have a resolver.)
 */
class PekkoVersionsTest {

  /** pom.xml's pekko.discovery.version: the one module allowed to differ. */
  private static final String DISCOVERY_VERSION = "1.2.1";

  @Test
  void everyPekkoModuleButDiscoveryHasTheBomsVersion() throws Exception {
    Map<String, String> versions = pekkoCoreModules();
    String bom = versions.get("pekko-actor");
    assertFalse(bom == null, "pekko-actor on the classpath: " + versions);
    versions.forEach((module, version) -> assertEquals(module.equals("pekko-discovery") ? DISCOVERY_VERSION : bom,
        version, module + " (all Pekko modules: " + versions + ")"));
  }

  @Test
  void theMixedVersionCheckIsRelaxedForEverySystem() {
    assertFalse(ConfigFactory.defaultReference().getBoolean("pekko.fail-mixed-versions"));
  }

  /** Title to version of the Pekko core modules' jars (not pekko-http's, nor Pekko Management's). */
  private static Map<String, String> pekkoCoreModules() throws Exception {
    Map<String, String> versions = new TreeMap<>();
    for (URL url : Collections.list(PekkoVersionsTest.class.getClassLoader().getResources("META-INF/MANIFEST.MF"))) {
      try (InputStream in = url.openStream()) {
        Attributes main = new Manifest(in).getMainAttributes();
        String title = main.getValue("Implementation-Title");
        if ("org.apache.pekko".equals(main.getValue("Implementation-Vendor-Id")) && title != null
            && !title.startsWith("pekko-http") && !title.startsWith("pekko-parsing")
            && !title.startsWith("pekko-management")) {
          versions.put(title, main.getValue("Implementation-Version"));
        }
      }
    }
    return versions;
  }
}
