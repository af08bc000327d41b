package rumble.http;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * What the WebSocket stream itself enforces, before any session sees a frame: the inbound frame
 * budget ({@code rumble.session.frames-per-second}, {@code frame-burst}), how long a flood may last
 * ({@code flood-close-after}) or how many of its frames may be dropped ({@code flood-close-frames}), and how long a client may leave written frames unread
 * ({@code outbound.stall-timeout}).
 */
record SocketSettings(double framesPerSecond, int frameBurst, Duration floodCloseAfter, int floodCloseFrames,
    Duration stallTimeout) {

  static SocketSettings fromConfig(Config session) {
    return new SocketSettings(session.getDouble("frames-per-second"), session.getInt("frame-burst"),
        session.getDuration("flood-close-after"), session.getInt("flood-close-frames"),
        session.getDuration("outbound.stall-timeout"));
  }
}
