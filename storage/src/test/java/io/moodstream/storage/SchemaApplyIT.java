package io.moodstream.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.hbase.RowKey;
import io.moodstream.storage.testing.MiniHBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptor;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.io.compress.Compression;
import org.apache.hadoop.hbase.io.encoding.DataBlockEncoding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * schema apply against a real HBase (mini cluster): create, no-op, modify, never drop. Uses its own
 * namespace so it starts from nothing even when other ITs share the cluster.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaApplyIT {
  static Admin admin;
  static final HBaseLayout LAYOUT = layout(Duration.ofDays(90));

  static HBaseLayout layout(Duration extremesTtl) {
    return new HBaseLayout("applyit", HBaseLayout.of("GZ", extremesTtl, 1).tables());
  }

  @BeforeAll
  static void startHBase() throws Exception {
    admin = MiniHBase.connection().getAdmin();
  }

  static String apply(HBaseLayout layout, boolean dryRun) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    SchemaCommand.apply(admin, layout, dryRun, new PrintStream(buf, true, StandardCharsets.UTF_8));
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  @Order(1)
  void dryRunOnAnEmptyClusterChangesNothing() throws Exception {
    String out = apply(LAYOUT, true);
    assertThat(out).contains("would create namespace applyit").contains("Dry run: 6 change(s).");
    assertThat(admin.tableExists(TableName.valueOf("applyit:agg_1m"))).isFalse();
  }

  @Test
  @Order(2)
  void firstApplyCreatesTheNamespaceAndEveryTable() throws Exception {
    String out = apply(LAYOUT, false);
    assertThat(out)
        .contains("create namespace applyit")
        .contains("create table applyit:agg_1m")
        .contains("create table applyit:agg_1h")
        .contains("create table applyit:agg_1d")
        .contains("create table applyit:extremes_1m")
        .contains("create table applyit:post_refs")
        .contains("Applied 6 change(s).");
    ColumnFamilyDescriptor e =
        admin
            .getDescriptor(TableName.valueOf("applyit:extremes_1m"))
            .getColumnFamily(HBaseLayout.EXTREMES_FAMILY);
    assertThat(e.getTimeToLive()).isEqualTo(90 * 86_400);
    assertThat(e.getMaxVersions()).isEqualTo(1);
    assertThat(e.getCompressionType()).isEqualTo(Compression.Algorithm.GZ);
    assertThat(e.getDataBlockEncoding()).isEqualTo(DataBlockEncoding.FAST_DIFF);
  }

  @Test
  @Order(3)
  void secondApplyChangesNothingAndSaysSo() throws Exception {
    String out = apply(LAYOUT, false);
    assertThat(out.strip()).isEqualTo("Schema is up to date: no changes.");
  }

  @Test
  @Order(4)
  void aChangedSettingModifiesOnlyThatFamily() throws Exception {
    String out = apply(layout(Duration.ofDays(30)), false);
    assertThat(out)
        .contains("modify family applyit:extremes_1m:e (TTL 7776000s -> 2592000s)")
        .contains("modify family applyit:post_refs:r (TTL 7776000s -> 2592000s)")
        .contains("Applied 2 change(s).");
    assertThat(
            admin
                .getDescriptor(TableName.valueOf("applyit:extremes_1m"))
                .getColumnFamily(HBaseLayout.EXTREMES_FAMILY)
                .getTimeToLive())
        .isEqualTo(30 * 86_400);
    assertThat(apply(layout(Duration.ofDays(30)), false)).contains("no changes");
  }

  @Test
  @Order(5)
  void familiesOutsideTheLayoutAreLeftAlone() throws Exception {
    TableName t = TableName.valueOf("applyit:agg_1m");
    admin.addColumnFamily(t, ColumnFamilyDescriptorBuilder.of("x"));
    String out = apply(layout(Duration.ofDays(30)), false);
    assertThat(out)
        .contains("note: family applyit:agg_1m:x is not in the layout; left alone")
        .contains("no changes");
    assertThat(admin.getDescriptor(t).hasColumnFamily("x".getBytes(StandardCharsets.US_ASCII)))
        .isTrue();
  }

  @Test
  @Order(6)
  void tablesKeyedByTopicAndTimeAreCreatedSplitOnTheSaltByte() throws Exception {
    HBaseLayout split =
        new HBaseLayout("splitit", HBaseLayout.of("GZ", Duration.ofDays(90), 4).tables());
    assertThat(apply(split, false)).contains("REGIONS=4 (split on the salt byte)");
    for (String table : List.of("agg_1m", "agg_1h", "agg_1d", "extremes_1m")) {
      assertThat(startKeys("splitit:" + table)).as(table).containsExactly("", "40", "80", "c0");
    }
    assertThat(startKeys("splitit:post_refs")).containsExactly("");
    // every row of a topic lands in the region its salt byte names
    for (String topic : List.of("apple", "bitcoin", "weather", "news")) {
      byte[] key = new RowKey(topic, 0).toBytes();
      int salt = Byte.toUnsignedInt(key[0]);
      byte[] regionStart =
          MiniHBase.connection()
              .getRegionLocator(TableName.valueOf("splitit:agg_1m"))
              .getRegionLocation(key)
              .getRegion()
              .getStartKey();
      int expected = salt / 0x40 * 0x40;
      assertThat(HexFormat.of().formatHex(regionStart))
          .as("%s (salt %02x)", topic, salt)
          .isEqualTo(expected == 0 ? "" : HexFormat.of().toHexDigits((byte) expected));
    }
  }

  static List<String> startKeys(String table) throws Exception {
    return admin.getRegions(TableName.valueOf(table)).stream()
        .map(r -> HexFormat.of().formatHex(r.getStartKey()))
        .sorted()
        .toList();
  }
}
