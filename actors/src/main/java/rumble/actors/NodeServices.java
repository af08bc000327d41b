package rumble.actors;

import java.time.Duration;
import rumble.actors.account.AccountService;
import rumble.actors.account.AccountLimits;
import rumble.actors.metrics.ServerMetrics;
import rumble.actors.room.RoomSettings;
import rumble.actors.session.SessionSettings;

/** Everything the guardian needs to start a node's actors; built by the HTTP layer from config. */
public record NodeServices(
    ServerMetrics metrics,
    AccountService accounts,
    AccountLimits accountLimits,
    SessionSettings sessionSettings,
    RoomSettings roomSettings,
    Duration scoreWriteInterval) {}
