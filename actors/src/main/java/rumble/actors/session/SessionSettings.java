package rumble.actors.session;

import com.typesafe.config.Config;
import java.time.Duration;

/** Per-session limits, read from {@code rumble.session} in the configuration. */
public record SessionSettings(
    int maxFrameBytes,
    int chatMaxLength,
    double chatPerSecond,
    int chatBurst,
    int socketBuffer,
    int waitingChatLimit,
    int waitingControlLimit,
    int hiscoreRows,
    Duration roomSilence,
    Duration seatRetry) {

  public static SessionSettings fromConfig(Config session) {
    return new SessionSettings(
        (int) session.getBytes("max-frame-size").longValue(),
        session.getInt("chat.max-length"),
        session.getDouble("chat.per-second"),
        session.getInt("chat.burst"),
        session.getInt("outbound.socket-buffer"),
        session.getInt("outbound.waiting-chat"),
        session.getInt("outbound.waiting-control"),
        session.getInt("hiscore-rows"),
        session.getDuration("room-silence"),
        session.getDuration("seat-retry"));
  }
}
