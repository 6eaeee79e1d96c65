package io.moodstream.schema.hbase;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The HBase layout: namespace, tables, column families and their settings. One definition, used by
 * {@code ./moodstream schema apply}, rendered as the HBase-shell script by {@link
 * HBaseShellScript}, and explained in schema/HBASE-SCHEMA.md.
 *
 * @param namespace the HBase namespace holding every table
 * @param tables the tables
 */
public record HBaseLayout(String namespace, List<TableSpec> tables) {
  public static final String NAMESPACE = "moodstream";

  /**
   * Aggregate family and its single qualifier: the bucket's state as one cell ({@link
   * AggregateCodec}).
   */
  public static final byte[] AGG_FAMILY = bytes("a");

  public static final byte[] AGG_QUALIFIER = bytes("v");

  /** Extremes family; qualifiers {@code p} (most positive) and {@code n} (most negative). */
  public static final byte[] EXTREMES_FAMILY = bytes("e");

  public static final byte[] EXTREMES_POSITIVE = bytes("p");
  public static final byte[] EXTREMES_NEGATIVE = bytes("n");

  /** Table names without the namespace. */
  public static final String EXTREMES_TABLE = "extremes_1m";

  /**
   * Which extremes rows list a post, and which posts were deleted: row key = the post id (UTF-8).
   * Written by the streaming job so a delete event can find and rewrite the extremes rows holding
   * the post, and so a deleted post never enters an extremes row again.
   */
  public static final String POST_REFS_TABLE = "post_refs";

  /** post_refs family of references: qualifier = an extremes_1m row key, empty value. */
  public static final byte[] REFS_FAMILY = bytes("r");

  /** post_refs family of deletion markers: qualifier {@code t}, value = deletion time (ISO). */
  public static final byte[] DELETED_FAMILY = bytes("d");

  public static final byte[] DELETED_QUALIFIER = bytes("t");

  public HBaseLayout {
    Objects.requireNonNull(namespace, "namespace");
    tables = List.copyOf(tables);
  }

  /** A column family's settings; a {@code ttl} of {@code null} keeps data forever. */
  public record FamilySpec(
      String name,
      int versions,
      Duration ttl,
      String compression,
      String blockEncoding,
      String bloom) {}

  /**
   * A table: its name within the namespace, what it holds, its families, and the regions it is
   * created with.
   *
   * @param regions 1, or for a table keyed by {@link RowKey}, how many regions it starts with,
   *     split evenly on the salt byte (so topics spread over region servers from the start)
   */
  public record TableSpec(String name, String holds, List<FamilySpec> families, int regions) {
    public TableSpec {
      families = List.copyOf(families);
      if (regions < 1 || regions > 256) {
        throw new IllegalArgumentException("regions " + regions + " is outside 1..256");
      }
    }

    public TableSpec(String name, String holds, List<FamilySpec> families) {
      this(name, holds, families, 1);
    }

    /**
     * The first row key of every region but the first: one salt byte each, {@code i * 256 /
     * regions} for {@code i = 1 .. regions - 1} (regions = 4: 0x40, 0x80, 0xC0).
     */
    public byte[][] splitKeys() {
      byte[][] keys = new byte[regions - 1][];
      for (int i = 1; i < regions; i++) {
        keys[i - 1] = new byte[] {(byte) (i * 256 / regions)};
      }
      return keys;
    }
  }

  /** The aggregates table of a step: {@code agg_1m}, {@code agg_1h}, {@code agg_1d}. */
  public static String aggregatesTable(Step step) {
    return "agg_" + step.label();
  }

  /** {@code moodstream:agg_1m} and so on: the name a client opens. */
  public String qualified(String table) {
    return namespace + ":" + table;
  }

  /** The layout with compression, the extremes TTL and the regions taken from configuration. */
  public static HBaseLayout from(MoodstreamConfig config) {
    return of(
        config.get(CommonConfig.HBASE_COMPRESSION),
        config.get(CommonConfig.HBASE_EXTREMES_TTL),
        config.get(CommonConfig.HBASE_TABLE_REGIONS));
  }

  /**
   * @param regions the regions of the tables keyed by {@link RowKey} (post_refs, keyed by post id,
   *     keeps one and splits as it grows)
   */
  public static HBaseLayout of(String compression, Duration extremesTtl, int regions) {
    List<TableSpec> tables =
        List.of(
            aggregates(Step.MINUTE, compression, regions),
            aggregates(Step.HOUR, compression, regions),
            aggregates(Step.DAY, compression, regions),
            new TableSpec(
                EXTREMES_TABLE,
                "top-k most positive (e:p) and most negative (e:n) posts of each topic-minute, JSON",
                List.of(new FamilySpec("e", 1, extremesTtl, compression, "FAST_DIFF", "ROW")),
                regions),
            new TableSpec(
                POST_REFS_TABLE,
                "per post id: the extremes rows listing it (r:<row key>, expires with them) and its"
                    + " deletion marker (d:t, kept forever)",
                List.of(
                    new FamilySpec("r", 1, extremesTtl, compression, "FAST_DIFF", "ROW"),
                    new FamilySpec("d", 1, null, compression, "FAST_DIFF", "ROW"))));
    return new HBaseLayout(NAMESPACE, tables);
  }

  private static TableSpec aggregates(Step step, String compression, int regions) {
    return new TableSpec(
        aggregatesTable(step),
        "per-topic " + step.label() + " aggregates: counts, compound sums, histogram (a:v)",
        List.of(new FamilySpec("a", 1, null, compression, "FAST_DIFF", "ROW")),
        regions);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
