package io.moodstream.ingest;

import io.moodstream.ingest.core.FatalSourceException;
import io.moodstream.ingest.core.IngestSource;
import io.moodstream.ingest.core.Lifecycle;
import io.moodstream.ingest.core.TopicMatcher;
import io.moodstream.ingest.source.bluesky.BlueskySource;
import io.moodstream.ingest.source.replay.ReplaySource;
import io.moodstream.ingest.source.synthetic.SyntheticPosts;
import io.moodstream.ingest.source.synthetic.SyntheticSource;
import io.moodstream.ingest.source.twitter.TwitterV1Source;
import io.moodstream.ingest.source.xv2.XV2Source;
import io.moodstream.schema.config.ConfigException;
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
      case SYNTHETIC -> synthetic(args, config, matcher, clock);
      case REPLAY -> replay(args, config, err);
      case TWITTER_V1 -> twitterV1(args, config, matcher, life);
      case X_V2 -> xV2(args, config, matcher, life, out);
      case BLUESKY -> bluesky(config, stateDir, life);
    };
  }

  /** Builds the synthetic source from args and config. */
  static IngestSource synthetic(
      IngestArgs args, MoodstreamConfig config, TopicMatcher m, Clock clock) {
    long seed = args.seed() != null ? args.seed() : config.get(IngestConfig.SYNTHETIC_SEED);
    double rate = args.rate() != null ? args.rate() : config.get(IngestConfig.SYNTHETIC_RATE);
    return new SyntheticSource(
        new SyntheticPosts(seed, m.topics()),
        rate,
        args.steady(),
        args.from(),
        args.to(),
        args.count(),
        clock);
  }

  static IngestSource replay(IngestArgs args, MoodstreamConfig config, PrintStream err) {
    double speed;
    try {
      speed =
          args.speed() != null
              ? args.speed()
              : IngestArgs.speed(config.get(IngestConfig.REPLAY_SPEED));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "invalid value for " + IngestConfig.REPLAY_SPEED.name() + ": " + e.getMessage());
    }
    boolean progress = args.progress() != null ? args.progress() : System.console() != null;
    return new ReplaySource(
        args.paths().stream().map(Path::of).toList(),
        speed,
        args.count(),
        args.parser() == null ? "fast" : args.parser(),
        progress,
        err,
        config.get(IngestConfig.REPLAY_THREADS),
        args.continueOnDamage() || config.get(IngestConfig.REPLAY_CONTINUE_ON_DAMAGE));
  }

  static IngestSource twitterV1(
      IngestArgs args, MoodstreamConfig config, TopicMatcher matcher, Lifecycle life) {
    TwitterV1Source.Credentials creds =
        new TwitterV1Source.Credentials(
            config.require(IngestConfig.TWITTER_CONSUMER_KEY),
            config.require(IngestConfig.TWITTER_CONSUMER_SECRET),
            config.require(IngestConfig.TWITTER_ACCESS_TOKEN),
            config.require(IngestConfig.TWITTER_ACCESS_SECRET));
    String method = args.method() != null ? args.method() : config.get(IngestConfig.TWITTER_METHOD);
    long[] follow;
    try {
      follow =
          config.get(IngestConfig.TWITTER_FOLLOW).stream().mapToLong(Long::parseLong).toArray();
    } catch (NumberFormatException e) {
      throw new ConfigException(
          IngestConfig.TWITTER_FOLLOW.name() + " must list numeric user ids: " + e.getMessage());
    }
    double[][] boxes = locations(config.get(IngestConfig.TWITTER_LOCATIONS));
    if (method.equals("filter")
        && matcher.topics().isEmpty()
        && follow.length == 0
        && boxes.length == 0) {
      throw new ConfigException("twitter-v1 filter needs track terms, follow ids or locations");
    }
    return new TwitterV1Source(
        config.get(IngestConfig.TWITTER_STREAM_URL),
        creds,
        new TwitterV1Source.Query(
            method, matcher.topics(), follow, boxes, config.get(IngestConfig.TWITTER_LANGUAGES)),
        config.get(IngestConfig.STALL_V1),
        life);
  }

  /** {@code lon1,lat1,lon2,lat2[,...]} as twitter4j's {@code {{lon, lat}, {lon, lat}, ...}}. */
  static double[][] locations(String s) {
    if (s == null || s.isBlank()) {
      return new double[0][];
    }
    String[] p = s.split(",");
    if (p.length % 4 != 0) {
      throw new ConfigException(
          IngestConfig.TWITTER_LOCATIONS.name()
              + " must be bounding boxes of four numbers each (swLon,swLat,neLon,neLat)");
    }
    double[][] out = new double[p.length / 2][];
    try {
      for (int i = 0; i < p.length; i += 2) {
        out[i / 2] =
            new double[] {Double.parseDouble(p[i].strip()), Double.parseDouble(p[i + 1].strip())};
      }
    } catch (NumberFormatException e) {
      throw new ConfigException(IngestConfig.TWITTER_LOCATIONS.name() + ": " + e.getMessage());
    }
    return out;
  }

  static IngestSource xV2(
      IngestArgs args,
      MoodstreamConfig config,
      TopicMatcher matcher,
      Lifecycle life,
      PrintStream out) {
    XV2Source src =
        new XV2Source(
            config.get(IngestConfig.X_API_URL),
            config.require(IngestConfig.X_BEARER_TOKEN),
            matcher.topics(),
            config.get(IngestConfig.HEARTBEAT_V2),
            life);
    if (args.dryRun()) {
      try {
        src.syncRules(true, out::println);
      } catch (java.io.IOException e) {
        throw new FatalSourceException("cannot reach the X API: " + e);
      }
      return null;
    }
    return src;
  }

  static IngestSource bluesky(MoodstreamConfig config, Path stateDir, Lifecycle life) {
    return new BlueskySource(
        config.get(IngestConfig.BLUESKY_URL),
        stateDir.resolve("bluesky.cursor"),
        config.get(IngestConfig.STALL_V1),
        life);
  }
}
