package rumble.loadtest.suite;

import java.time.Duration;
import picocli.CommandLine.Option;
import rumble.loadtest.LoadTestCommand.DurationConverter;

/** The options of the bots that watch an attack (a picocli mixin of the suites using {@link BystanderPhases}). */
public final class BystanderOptions {

  @Option(names = "--bots", defaultValue = "100", description = "Playing bots in each phase (default ${DEFAULT-VALUE}).")
  int bots;

  @Option(names = "--warmup", defaultValue = "10s", converter = DurationConverter.class,
      description = "Bots' warm-up before each phase is measured (default ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(names = "--baseline", defaultValue = "30s", converter = DurationConverter.class,
      description = "How long the bots are measured in the bots-only phase (default ${DEFAULT-VALUE}).")
  Duration baseline;

  @Option(names = "--slack", defaultValue = "1",
      description = "Percent: how far the bots' delivered %% may drop below the baseline, and how many more of the"
          + " ticks may be skipped (default ${DEFAULT-VALUE}).")
  double slack;
}
