package rumble.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** The start-up log says which URLs to open, not the socket's raw address. */
class StartBannerIntegrationTest {

  @RegisterExtension
  final TestServer server = TestServer.create().startedByTest();

  @Test
  void startUpLogNamesTheUrlsToOpen() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(GameServer.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Level level = logger.getLevel();
    logger.setLevel(Level.INFO);
    logger.addAppender(appender);
    server.start();
    try {
      String log = appender.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
      String base = "http://127.0.0.1:" + server.port();
      assertTrue(log.contains(base + "/"), log);
      assertTrue(log.contains("ws://127.0.0.1:" + server.port() + "/ws"), log);
      assertTrue(log.contains(base + "/health/ready"), log);
      assertTrue(log.contains(base + "/metrics"), log);
      assertFalse(log.contains("listening on /"), log);
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(level);
    }
  }

  @Test
  void anyAddressIsShownAsLoopbackWithTheBindingNamed() {
    String banner = GameServer.startBanner("0.0.0.0", 8080, false);
    assertTrue(banner.contains("http://127.0.0.1:8080/"), banner);
    assertTrue(banner.contains("every interface (0.0.0.0)"), banner);
    assertTrue(GameServer.startBanner("game.example", 443, true).contains("wss://game.example:443/ws"));
  }
}
