package rumble.http.socket;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * What the WebSocket connection itself enforces, before any session sees a frame: the inbound frame
 * budget ({@code rumble.session.frames-per-second}, {@code frame-burst}), how long a flood may last
 * ({@code flood-close-after}) or how many of its frames may be dropped ({@code flood-close-frames}),
 * how often a quiet connection is pinged ({@code ping-interval}), how long a client may leave
 * written frames unread ({@code outbound.stall-timeout}) and how long it may send nothing
 * ({@code idle-timeout}); and how many sockets the node keeps open at most ({@code max-connections}).
 */
public record SocketSettings(double framesPerSecond, int frameBurst, Duration floodCloseAfter, int floodCloseFrames,
    Duration pingInterval, Duration stallTimeout, Duration idleTimeout, int maxConnections) {

  public static SocketSettings fromConfig(Config session) {
    return new SocketSettings(session.getDouble("frames-per-second"), session.getInt("frame-burst"),
        session.getDuration("flood-close-after"), session.getInt("flood-close-frames"),
        session.getDuration("ping-interval"), session.getDuration("outbound.stall-timeout"),
        session.getDuration("idle-timeout"), session.getInt("max-connections"));
  }
}
