package io.moodstream.storage;

import io.moodstream.schema.ApplyReport;
import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.hbase.HBaseLayout.FamilySpec;
import io.moodstream.schema.hbase.HBaseLayout.TableSpec;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.hadoop.hbase.HConstants;
import org.apache.hadoop.hbase.NamespaceDescriptor;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptor;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.io.compress.Compression;
import org.apache.hadoop.hbase.io.encoding.DataBlockEncoding;
import org.apache.hadoop.hbase.regionserver.BloomType;

/**
 * Applies an {@link HBaseLayout} idempotently: creates what is missing, modifies families whose
 * settings differ, and changes nothing when the cluster already matches. Never drops a table or a
 * family: families HBase has but the layout does not are reported and left alone.
 */
public final class SchemaApplier {
  private final Admin admin;

  public SchemaApplier(Admin admin) {
    this.admin = admin;
  }

  /** Applies the tables, or with {@code dryRun} only reports what it would change. */
  public ApplyReport apply(HBaseLayout layout, boolean dryRun) throws IOException {
    List<String> changes = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    boolean nsExists =
        Arrays.stream(admin.listNamespaces()).anyMatch(n -> n.equals(layout.namespace()));
    if (!nsExists) {
      changes.add("create namespace " + layout.namespace());
      if (!dryRun) {
        admin.createNamespace(NamespaceDescriptor.create(layout.namespace()).build());
      }
    }
    // new tables are created side by side: one by one each waits for the master's procedure
    List<Future<Void>> creating = new ArrayList<>();
    for (TableSpec t : layout.tables()) {
      TableName name = TableName.valueOf(layout.qualified(t.name()));
      if (!nsExists || !admin.tableExists(name)) {
        changes.add("create table " + name + " " + describe(t));
        if (!dryRun) {
          TableDescriptorBuilder b = TableDescriptorBuilder.newBuilder(name);
          t.families().forEach(f -> b.setColumnFamily(descriptor(f)));
          creating.add(
              t.regions() == 1
                  ? admin.createTableAsync(b.build())
                  : admin.createTableAsync(b.build(), t.splitKeys()));
        }
        continue;
      }
      TableDescriptor current = admin.getDescriptor(name);
      for (FamilySpec f : t.families()) {
        ColumnFamilyDescriptor have = current.getColumnFamily(bytes(f.name()));
        ColumnFamilyDescriptor want = descriptor(f);
        if (have == null) {
          changes.add("add family " + name + ":" + f.name() + " " + describe(f));
          if (!dryRun) {
            admin.addColumnFamily(name, want);
          }
        } else {
          List<String> diff = differences(have, want);
          if (!diff.isEmpty()) {
            changes.add(
                "modify family " + name + ":" + f.name() + " (" + String.join(", ", diff) + ")");
            if (!dryRun) {
              admin.modifyColumnFamily(name, want);
            }
          }
        }
      }
      Set<String> wanted = t.families().stream().map(FamilySpec::name).collect(Collectors.toSet());
      for (ColumnFamilyDescriptor extra : current.getColumnFamilies()) {
        if (!wanted.contains(extra.getNameAsString())) {
          notes.add(
              "family "
                  + name
                  + ":"
                  + extra.getNameAsString()
                  + " is not in the layout; left alone");
        }
      }
    }
    for (Future<Void> f : creating) {
      await(f);
    }
    return new ApplyReport("HBase tables", changes, notes);
  }

  private static void await(Future<Void> creation) throws IOException {
    try {
      creation.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while HBase creates a table");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
  }

  static ColumnFamilyDescriptor descriptor(FamilySpec f) {
    return ColumnFamilyDescriptorBuilder.newBuilder(bytes(f.name()))
        .setMaxVersions(f.versions())
        .setTimeToLive(ttlSeconds(f))
        .setCompressionType(Compression.Algorithm.valueOf(f.compression()))
        .setDataBlockEncoding(DataBlockEncoding.valueOf(f.blockEncoding()))
        .setBloomFilterType(BloomType.valueOf(f.bloom()))
        .build();
  }

  /**
   * The family settings the layout sets, by their HBase-shell names, in the order {@link
   * #describe(FamilySpec)} and {@link #differences} show them.
   */
  private record Setting(String name, Function<ColumnFamilyDescriptor, Object> value) {}

  private static final List<Setting> SETTINGS =
      List.of(
          new Setting("VERSIONS", ColumnFamilyDescriptor::getMaxVersions),
          new Setting("TTL", d -> ttlText(d.getTimeToLive())),
          new Setting("COMPRESSION", ColumnFamilyDescriptor::getCompressionType),
          new Setting("DATA_BLOCK_ENCODING", ColumnFamilyDescriptor::getDataBlockEncoding),
          new Setting("BLOOMFILTER", ColumnFamilyDescriptor::getBloomFilterType));

  /** The settings in which {@code have} differs from {@code want}: {@code NAME have -> want}. */
  static List<String> differences(ColumnFamilyDescriptor have, ColumnFamilyDescriptor want) {
    List<String> d = new ArrayList<>();
    for (Setting s : SETTINGS) {
      Object from = s.value().apply(have);
      Object to = s.value().apply(want);
      if (!from.equals(to)) {
        d.add(s.name() + " " + from + " -> " + to);
      }
    }
    return d;
  }

  private static int ttlSeconds(FamilySpec f) {
    return f.ttl() == null
        ? HConstants.FOREVER
        : (int) Math.min(Integer.MAX_VALUE - 1L, f.ttl().toSeconds());
  }

  private static String ttlText(int seconds) {
    return seconds == HConstants.FOREVER ? "FOREVER" : seconds + "s";
  }

  static String describe(TableSpec t) {
    String families =
        t.families().stream().map(SchemaApplier::describe).collect(Collectors.joining(" "));
    return t.regions() == 1
        ? families
        : families + " REGIONS=" + t.regions() + " (split on the salt byte)";
  }

  static String describe(FamilySpec f) {
    ColumnFamilyDescriptor d = descriptor(f);
    return SETTINGS.stream()
        .map(s -> s.name() + "=" + s.value().apply(d))
        .collect(Collectors.joining(" ", "{" + f.name() + ": ", "}"));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
