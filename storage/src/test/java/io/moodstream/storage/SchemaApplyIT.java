package io.moodstream.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.hbase.HBaseLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.hadoop.hbase.HBaseTestingUtility;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptor;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.io.compress.Compression;
import org.apache.hadoop.hbase.io.encoding.DataBlockEncoding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** schema apply against a real HBase (mini cluster): create, no-op, modify, never drop. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaApplyIT {
  static HBaseTestingUtility hbase;
  static Admin admin;
  static final HBaseLayout LAYOUT = HBaseLayout.of("GZ", Duration.ofDays(90));

  @BeforeAll
  static void startHBase() throws Exception {
    hbase = new HBaseTestingUtility();
    hbase.startMiniCluster();
    admin = hbase.getConnection().getAdmin();
  }

  @AfterAll
  static void stopHBase() throws Exception {
    if (admin != null) {
      admin.close();
    }
    if (hbase != null) {
      hbase.shutdownMiniCluster();
    }
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
    assertThat(out).contains("would create namespace moodstream").contains("Dry run: 5 change(s).");
    assertThat(admin.tableExists(TableName.valueOf("moodstream:agg_1m"))).isFalse();
  }

  @Test
  @Order(2)
  void firstApplyCreatesTheNamespaceAndEveryTable() throws Exception {
    String out = apply(LAYOUT, false);
    assertThat(out)
        .contains("create namespace moodstream")
        .contains("create table moodstream:agg_1m")
        .contains("create table moodstream:agg_1h")
        .contains("create table moodstream:agg_1d")
        .contains("create table moodstream:extremes_1m")
        .contains("Applied 5 change(s).");
    ColumnFamilyDescriptor e =
        admin
            .getDescriptor(TableName.valueOf("moodstream:extremes_1m"))
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
    String out = apply(HBaseLayout.of("GZ", Duration.ofDays(30)), false);
    assertThat(out)
        .contains("modify family moodstream:extremes_1m:e (TTL 7776000s -> 2592000s)")
        .contains("Applied 1 change(s).");
    assertThat(
            admin
                .getDescriptor(TableName.valueOf("moodstream:extremes_1m"))
                .getColumnFamily(HBaseLayout.EXTREMES_FAMILY)
                .getTimeToLive())
        .isEqualTo(30 * 86_400);
    assertThat(apply(HBaseLayout.of("GZ", Duration.ofDays(30)), false)).contains("no changes");
  }

  @Test
  @Order(5)
  void familiesOutsideTheLayoutAreLeftAlone() throws Exception {
    TableName t = TableName.valueOf("moodstream:agg_1m");
    admin.addColumnFamily(t, ColumnFamilyDescriptorBuilder.of("x"));
    String out = apply(HBaseLayout.of("GZ", Duration.ofDays(30)), false);
    assertThat(out)
        .contains("note: family moodstream:agg_1m:x is not in the layout; left alone")
        .contains("no changes");
    assertThat(admin.getDescriptor(t).hasColumnFamily("x".getBytes(StandardCharsets.US_ASCII)))
        .isTrue();
  }
}
