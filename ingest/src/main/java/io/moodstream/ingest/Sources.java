package io.moodstream.ingest;

import io.moodstream.ingest.core.IngestSource;
import io.moodstream.ingest.core.Lifecycle;
import io.moodstream.ingest.core.TopicMatcher;
import io.moodstream.ingest.source.replay.ReplaySource;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.event.Source;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;

/** Builds the source a command line asks for, validating its settings before Kafka is touched. */
final class Sources {
  private Sources() {}

  /** The source, or null when the command is complete without one (x-v2 --dry-run). */
  static IngestSource create(
      Source source,
      IngestArgs args,
      MoodstreamConfig config,
      TopicMatcher matcher,
      Path stateDir,
      Clock clock,
      Lifecycle life,
      PrintStream out,
      PrintStream err) {
    return switch (source) {
      case SYNTHETIC -> IngestMain.synthetic(args, config, matcher, clock);
      case REPLAY -> replay(args, config, err);
      default ->
          throw new io.moodstream.ingest.core.FatalSourceException(
              "source " + source + " is not available in this build");
    };
  }

  static IngestSource replay(IngestArgs args, MoodstreamConfig config, PrintStream err) {
    double speed;
    try {
      speed =
          args.speed() != null
              ? args.speed()
              : IngestArgs.speed(config.get(IngestConfig.REPLAY_SPEED));
    } catch (IngestArgs.UsageException e) {
      throw new io.moodstream.schema.config.ConfigException(
          "invalid value for " + IngestConfig.REPLAY_SPEED.name() + ": " + e.getMessage());
    }
    boolean progress = args.progress() || (!args.noProgress() && System.console() != null);
    return new ReplaySource(
        args.paths().stream().map(Path::of).toList(),
        speed,
        args.count(),
        args.parser() == null ? "fast" : args.parser(),
        progress,
        err,
        config.get(IngestConfig.REPLAY_THREADS));
  }
}
