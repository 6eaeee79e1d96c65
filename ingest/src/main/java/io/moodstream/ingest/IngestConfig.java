package io.moodstream.ingest;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.ConfigKey;
import java.time.Duration;
import java.util.List;

/**
 * Every configuration key of {@code ./moodstream ingest}, declared once: name, default, validation
 * and a one-line doc. Loaded together with {@link CommonConfig#KEYS}; secrets only from the
 * environment (or a {@code *_FILE}).
 */
public final class IngestConfig {
  private IngestConfig() {}

  public static final ConfigKey<String> SOURCE =
      ConfigKey.choice(
          "ingest.source",
          "synthetic",
          List.of("synthetic", "replay", "twitter-v1", "x-v2", "bluesky"),
          "the source when --source is not given");

  public static final ConfigKey<List<String>> TRACK =
      ConfigKey.list(
          "ingest.track",
          List.of("coffee", "climate change", "#worldcup", "election", "ai"),
          "track terms (Twitter track semantics): words, #hashtags, phrases (all words, any order);"
              + " each term is a topic");

  public static final ConfigKey<String> STATE_DIR =
      ConfigKey.string(
          "ingest.state.dir",
          "var/ingest",
          "where the spool of undelivered records, the Bluesky cursor and status.json live");

  // ------------------------------------------------------------------ metrics

  public static final ConfigKey<Integer> METRICS_PORT =
      ConfigKey.integer(
          "ingest.metrics.port",
          -1,
          -1,
          65_535,
          "port of the Prometheus scrape endpoint (/metrics) for long-running sources; -1 = off,"
              + " 0 = a free port (logged)");

  public static final ConfigKey<String> METRICS_BIND_ADDRESS =
      ConfigKey.string(
          "ingest.metrics.bind.address",
          "127.0.0.1",
          "address of the scrape endpoint (0.0.0.0 for every interface)");

  // ------------------------------------------------------------------ producer

  public static final ConfigKey<String> COMPRESSION =
      ConfigKey.choice(
          "ingest.kafka.compression",
          "lz4",
          List.of("lz4", "zstd", "snappy", "gzip", "none"),
          "producer compression.type");

  public static final ConfigKey<String> POST_FORMAT =
      ConfigKey.choice(
          "ingest.kafka.post.format",
          "binary",
          List.of("binary", "json"),
          "how posts are written to moodstream.posts: binary (PostCodec, compact and cheap to"
              + " read) or json (EventJson, for consumers of your own that read the topic); the"
              + " job reads both, deletes and dead letters are always JSON");

  public static final ConfigKey<Integer> BATCH_SIZE =
      ConfigKey.integer(
          "ingest.kafka.batch.size", 256 * 1024, 1024, 16 * 1024 * 1024, "producer batch.size");

  public static final ConfigKey<Duration> LINGER =
      ConfigKey.duration(
          "ingest.kafka.linger", Duration.ofMillis(20), Duration.ZERO, "producer linger.ms");

  public static final ConfigKey<Integer> BUFFER_MB =
      ConfigKey.integer("ingest.kafka.buffer.mb", 128, 8, 4096, "producer buffer.memory in MiB");

  public static final ConfigKey<Duration> DELIVERY_TIMEOUT =
      ConfigKey.duration(
          "ingest.kafka.delivery.timeout",
          Duration.ofMinutes(2),
          Duration.ofSeconds(1),
          "how long the producer retries a record before it goes to the local spool");

  public static final ConfigKey<Duration> MAX_BLOCK =
      ConfigKey.duration(
          "ingest.kafka.max.block",
          Duration.ofSeconds(30),
          Duration.ofMillis(100),
          "how long a send may wait for metadata or buffer space before the record is spooled");

  public static final ConfigKey<Boolean> CREATE_TOPICS =
      ConfigKey.bool(
          "ingest.kafka.create.topics",
          true,
          "create missing moodstream.* topics at start (partitions/retention from kafka.topic.*)");

  public static final ConfigKey<Integer> SPOOL_MAX_MB =
      ConfigKey.integer(
          "ingest.spool.max.mb",
          1024,
          1,
          1024 * 1024,
          "most MiB of undelivered records the spool keeps; when Kafka stays down past it, ingest"
              + " stops with an error (records already in flight are still spooled)");

  public static final ConfigKey<Duration> SPOOL_FSYNC_INTERVAL =
      ConfigKey.duration(
          "ingest.spool.fsync.interval",
          Duration.ofSeconds(1),
          Duration.ZERO,
          "how often spooled records are forced to disk (fsync); 0 = after every record. Each"
              + " record reaches the OS at once, so a crash of ingest loses none; a power loss"
              + " may lose the last interval's");

  // ------------------------------------------------------------------ synthetic

  public static final ConfigKey<Integer> SYNTHETIC_RATE =
      ConfigKey.integer(
          "ingest.synthetic.rate",
          50,
          1,
          10_000_000,
          "mean posts per second of the synthetic source (before diurnal and burst factors)");

  public static final ConfigKey<Integer> SYNTHETIC_SEED =
      ConfigKey.integer(
          "ingest.synthetic.seed", 42, 0, Integer.MAX_VALUE, "seed: same seed, same posts");

  // ------------------------------------------------------------------ replay

  public static final ConfigKey<String> REPLAY_SPEED =
      ConfigKey.string(
          "ingest.replay.speed", "max", "1 = real time (gaps kept), N = N times faster, max");

  public static final ConfigKey<Integer> REPLAY_THREADS =
      ConfigKey.integer(
          "ingest.replay.threads",
          2,
          0,
          64,
          "parsing threads of a replay at --speed max besides the reading thread; 0 = parse on the"
              + " reading thread (other speeds always parse in order on the reading thread)");

  public static final ConfigKey<Boolean> REPLAY_CONTINUE_ON_DAMAGE =
      ConfigKey.bool(
          "ingest.replay.continue.on.damage",
          false,
          "after a truncated or corrupt compressed file, read on with the next file instead of"
              + " stopping (records before the damage are delivered either way)");

  // ------------------------------------------------------------------ twitter-v1

  public static final ConfigKey<String> TWITTER_STREAM_URL =
      ConfigKey.string(
          "ingest.twitter.stream.url",
          "https://stream.twitter.com/1.1/",
          "twitter4j stream base URL (a local server in tests)");

  public static final ConfigKey<String> TWITTER_METHOD =
      ConfigKey.choice(
          "ingest.twitter.method",
          "filter",
          List.of("filter", "sample"),
          "statuses/filter or sample");

  public static final ConfigKey<List<String>> TWITTER_FOLLOW =
      ConfigKey.list("ingest.twitter.follow", List.of(), "user ids to follow (filter only)");

  public static final ConfigKey<String> TWITTER_LOCATIONS =
      ConfigKey.string(
          "ingest.twitter.locations",
          "",
          "bounding boxes lon1,lat1,lon2,lat2[,...] (filter only); empty = none");

  public static final ConfigKey<List<String>> TWITTER_LANGUAGES =
      ConfigKey.list(
          "ingest.twitter.languages", List.of(), "BCP 47 languages to keep; empty = all");

  public static final ConfigKey<String> TWITTER_CONSUMER_KEY =
      ConfigKey.secret("ingest.twitter.consumer.key", "OAuth 1.0a consumer key");
  public static final ConfigKey<String> TWITTER_CONSUMER_SECRET =
      ConfigKey.secret("ingest.twitter.consumer.secret", "OAuth 1.0a consumer secret");
  public static final ConfigKey<String> TWITTER_ACCESS_TOKEN =
      ConfigKey.secret("ingest.twitter.access.token", "OAuth 1.0a access token");
  public static final ConfigKey<String> TWITTER_ACCESS_SECRET =
      ConfigKey.secret("ingest.twitter.access.secret", "OAuth 1.0a access token secret");

  // ------------------------------------------------------------------ x-v2

  public static final ConfigKey<String> X_API_URL =
      ConfigKey.string("ingest.x.api.url", "https://api.x.com/2/", "X API v2 base URL");

  public static final ConfigKey<String> X_BEARER_TOKEN =
      ConfigKey.secret("ingest.x.bearer.token", "X API v2 app bearer token");

  // ------------------------------------------------------------------ bluesky

  public static final ConfigKey<String> BLUESKY_URL =
      ConfigKey.string(
          "ingest.bluesky.url",
          "wss://jetstream2.us-east.bsky.network/subscribe",
          "Jetstream subscribe endpoint");

  // ------------------------------------------------------------------ connections

  public static final ConfigKey<Duration> STALL_V1 =
      ConfigKey.duration(
          "ingest.stall.v1",
          Duration.ofSeconds(90),
          Duration.ofMillis(10),
          "reconnect after this long without a byte (v1.1 and Jetstream)");

  public static final ConfigKey<Duration> HEARTBEAT_V2 =
      ConfigKey.duration(
          "ingest.heartbeat.v2",
          Duration.ofSeconds(20),
          Duration.ofMillis(10),
          "X v2 heartbeat interval; three missed heartbeats mean a stall");

  /** The keys of this module, in documentation order. */
  public static final List<ConfigKey<?>> INGEST_KEYS =
      List.of(
          SOURCE,
          TRACK,
          STATE_DIR,
          METRICS_PORT,
          METRICS_BIND_ADDRESS,
          COMPRESSION,
          POST_FORMAT,
          BATCH_SIZE,
          LINGER,
          BUFFER_MB,
          DELIVERY_TIMEOUT,
          MAX_BLOCK,
          CREATE_TOPICS,
          SPOOL_MAX_MB,
          SPOOL_FSYNC_INTERVAL,
          SYNTHETIC_RATE,
          SYNTHETIC_SEED,
          REPLAY_SPEED,
          REPLAY_THREADS,
          REPLAY_CONTINUE_ON_DAMAGE,
          TWITTER_STREAM_URL,
          TWITTER_METHOD,
          TWITTER_FOLLOW,
          TWITTER_LOCATIONS,
          TWITTER_LANGUAGES,
          TWITTER_CONSUMER_KEY,
          TWITTER_CONSUMER_SECRET,
          TWITTER_ACCESS_TOKEN,
          TWITTER_ACCESS_SECRET,
          X_API_URL,
          X_BEARER_TOKEN,
          BLUESKY_URL,
          STALL_V1,
          HEARTBEAT_V2);

  /** Common keys plus this module's: what {@code MoodstreamConfig.load} is given. */
  public static final List<ConfigKey<?>> KEYS = CommonConfig.plus(INGEST_KEYS);
}
