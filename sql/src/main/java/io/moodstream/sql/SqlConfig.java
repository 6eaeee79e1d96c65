package io.moodstream.sql;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.ConfigKey;
import io.moodstream.schema.config.MoodstreamConfig;
import java.util.List;

/**
 * The keys of {@code ./moodstream sql} and {@code ./moodstream export} (documented in
 * sql/README.md), loaded with {@link #KEYS}; HBase comes from the common keys.
 */
public final class SqlConfig {
  private SqlConfig() {}

  public static final ConfigKey<String> SPARK_MASTER =
      ConfigKey.string(
          "sql.spark.master", "local[*]", "Spark master of ./moodstream sql and export");

  public static final ConfigKey<Integer> SHUFFLE_PARTITIONS =
      ConfigKey.integer(
          "sql.shuffle.partitions",
          4,
          1,
          10_000,
          "spark.sql.shuffle.partitions of ./moodstream sql and export: partitions after a GROUP BY"
              + " or JOIN (Spark's default of 200 makes small queries slow)");

  /** The common keys (HBase) and the above. */
  public static final List<ConfigKey<?>> KEYS =
      CommonConfig.plus(List.of(SPARK_MASTER, SHUFFLE_PARTITIONS));

  public static MoodstreamConfig load() {
    return MoodstreamConfig.load(KEYS);
  }
}
