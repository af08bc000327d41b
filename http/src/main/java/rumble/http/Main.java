package rumble.http;

import com.typesafe.config.ConfigFactory;
import java.util.Arrays;
import org.slf4j.LoggerFactory;

/** {@code java -jar radius-rumble.jar} starts the server with the configuration in application.conf. */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("loadtest")) {
      System.exit(rumble.loadtest.LoadTestCommand.run(Arrays.copyOfRange(args, 1, args.length)));
    }
    LoggerFactory.getILoggerFactory(); // initialise logging before Pekko's threads start logging
    GameServer.start(ConfigFactory.load());
  }
}
