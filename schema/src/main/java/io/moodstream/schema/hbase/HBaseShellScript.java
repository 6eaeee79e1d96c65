package io.moodstream.schema.hbase;

import io.moodstream.schema.hbase.HBaseLayout.FamilySpec;
import io.moodstream.schema.hbase.HBaseLayout.TableSpec;
import java.time.Duration;

/**
 * Renders the layout as a bash script that feeds {@code hbase shell}, with the overridable defaults
 * as environment variables ({@code COMPRESSION}, {@code EXTREMES_TTL_SECONDS}). The committed
 * schema/hbase/create_tables.sh is this output; HBaseShellScriptTest keeps the two identical. The
 * script can be run again on an existing schema: the namespace creation is rescued and every table
 * creation is guarded by {@code exists}.
 */
public final class HBaseShellScript {
  private HBaseShellScript() {}

  public static String render(HBaseLayout layout) {
    TableSpec extremes =
        layout.tables().stream()
            .filter(t -> t.name().equals(HBaseLayout.EXTREMES_TABLE))
            .findFirst()
            .orElseThrow();
    Duration ttl = extremes.families().get(0).ttl();
    String compression = extremes.families().get(0).compression();
    StringBuilder b =
        new StringBuilder(
            """
            #!/usr/bin/env bash
            # Creates the Moodstream HBase tables with the HBase shell.
            # Generated from io.moodstream.schema.hbase.HBaseLayout; `./moodstream schema apply`
            # applies the same definition (idempotently). Layout explained in ../HBASE-SCHEMA.md.
            # Re-runnable: the namespace and the tables that exist already are left as they are.
            #
            # Usage: [COMPRESSION=SNAPPY] [EXTREMES_TTL_SECONDS=2592000] [HBASE_HOME=...] ./create_tables.sh
            set -euo pipefail
            COMPRESSION=${COMPRESSION:-%s}
            EXTREMES_TTL_SECONDS=${EXTREMES_TTL_SECONDS:-%s}
            HBASE=${HBASE_HOME:+$HBASE_HOME/bin/}hbase

            exec "$HBASE" shell -n <<EOF
            create_namespace '%s' rescue nil
            """
                .formatted(compression, ttl.toSeconds(), layout.namespace()));
    for (TableSpec t : layout.tables()) {
      String table = layout.qualified(t.name());
      b.append("# ").append(t.holds()).append('\n');
      // `exists` returns whether the table exists (HBase 2 shell commands return their value);
      // guarding each create keeps a second run from failing on TableExistsException.
      b.append("unless exists '").append(table).append("'\n");
      b.append("  create '").append(table).append("'");
      for (FamilySpec f : t.families()) {
        b.append(",\n    {NAME => '").append(f.name()).append("'");
        b.append(", VERSIONS => ").append(f.versions());
        b.append(", COMPRESSION => '$COMPRESSION'");
        b.append(", DATA_BLOCK_ENCODING => '").append(f.blockEncoding()).append("'");
        b.append(", BLOOMFILTER => '").append(f.bloom()).append("'");
        if (f.ttl() != null) {
          b.append(", TTL => $EXTREMES_TTL_SECONDS");
        }
        b.append("}");
      }
      if (t.regions() > 1) {
        b.append(",\n    {SPLITS => [");
        byte[][] keys = t.splitKeys();
        for (int i = 0; i < keys.length; i++) {
          b.append(i == 0 ? "" : ", ").append(String.format("\"\\x%02X\"", keys[i][0] & 0xff));
        }
        b.append("]}");
      }
      b.append("\nend\n");
    }
    b.append("EOF\n");
    return b.toString();
  }
}
