package rumble.loadtest;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** The load tester and the suites only ever aim at this machine unless told otherwise. */
public final class Loopback {

  private Loopback() {}

  /** @throws IllegalArgumentException naming {@code option} when {@code uri} resolves to another machine */
  public static void require(URI uri, String option, String howToOverride) {
    String host = uri.getHost();
    if (host == null) {
      throw new IllegalArgumentException(option + " has no host: " + uri);
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(host.replace("[", "").replace("]", ""))) {
        if (!address.isLoopbackAddress()) {
          throw new IllegalArgumentException(option + " points at " + host + " (" + address.getHostAddress()
              + "), which is not this machine" + howToOverride);
        }
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(option + ": unknown host " + host);
    }
  }
}
