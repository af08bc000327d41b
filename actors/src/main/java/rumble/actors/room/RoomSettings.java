package rumble.actors.room;

import com.typesafe.config.Config;
import java.time.Duration;
import rumble.sim.WorldConfig;

/** Room and matchmaking settings, read from {@code rumble.game} in the configuration. */
public record RoomSettings(
    WorldConfig world,
    int capacity,
    Duration emptyTimeout,
    int maxCatchUpTicks,
    double viewWidth,
    double viewHeight,
    double viewMargin,
    int sporeRefreshTicks,
    double predictionThreshold,
    int sporesPerSecond,
    Duration spawnInterval,
    int leaderboardSize) {

  public static RoomSettings fromConfig(Config game) {
    WorldConfig d = WorldConfig.defaults();
    WorldConfig world = new WorldConfig(game.getDouble("world.half-size"), game.getInt("tick-hz"),
        d.startRadius(), d.maxRadius(), d.baseSpeed(), d.speedExponent(), d.eatMassRatio(),
        game.getInt("spores.target"),
        d.sporeRadiusMean(), d.sporeRadiusSpread(), d.minSporeRadius(), d.maxSporeRadius(),
        game.getBoolean("world.shedding"), d.shedMinRadius(), d.shedChancePerRadiusPerSecond(),
        d.shedBaseRadius(), d.shedRadiusDivisor(), d.shedMaxRadius(), d.spawnSafetyMargin(), d.spawnTries());
    return new RoomSettings(
        world,
        game.getInt("room.capacity"),
        game.getDuration("room.empty-timeout"),
        game.getInt("room.max-catch-up-ticks"),
        game.getDouble("view.width"),
        game.getDouble("view.height"),
        game.getDouble("view.margin"),
        game.getInt("view.spore-refresh-ticks"),
        game.getDouble("view.prediction-threshold"),
        game.getInt("spores.per-second"),
        game.getDuration("spores.interval"),
        game.getInt("leaderboard.size"));
  }

  public Duration tickPeriod() {
    return Duration.ofNanos(Math.round(1e9 / world.tickHz()));
  }
}
