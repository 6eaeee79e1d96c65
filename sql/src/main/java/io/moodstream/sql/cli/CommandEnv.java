package io.moodstream.sql.cli;

import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.sql.SqlConfig;
import io.moodstream.sql.SqlSession;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;

/**
 * What the commands take from outside: configuration, a Spark session, whether a person is typing,
 * the time. {@link #system()} for the real thing; tests pass their own session and configuration.
 */
public interface CommandEnv {
  MoodstreamConfig config();

  SparkSession session(MoodstreamConfig config, String app);

  /** Ends a session {@link #session} gave. */
  void release(SparkSession spark);

  /** True when stdin and stdout are a terminal: prompts, overwriting progress lines. */
  boolean interactive();

  Instant now();

  static CommandEnv system() {
    return new CommandEnv() {
      @Override
      public MoodstreamConfig config() {
        return SqlConfig.load();
      }

      @Override
      public SparkSession session(MoodstreamConfig config, String app) {
        return SqlSession.local(config, app);
      }

      @Override
      public void release(SparkSession spark) {
        spark.stop();
      }

      @Override
      public boolean interactive() {
        return System.console() != null;
      }

      @Override
      public Instant now() {
        return Instant.now();
      }
    };
  }
}
