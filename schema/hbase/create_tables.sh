#!/usr/bin/env bash
# Creates the Moodstream HBase tables with the HBase shell.
# Generated from io.moodstream.schema.hbase.HBaseLayout; `./moodstream schema apply`
# applies the same definition (idempotently). Layout explained in ../HBASE-SCHEMA.md.
# Re-runnable: the namespace and the tables that exist already are left as they are.
#
# Usage: [COMPRESSION=SNAPPY] [EXTREMES_TTL_SECONDS=2592000] [HBASE_HOME=...] ./create_tables.sh
set -euo pipefail
COMPRESSION=${COMPRESSION:-GZ}
EXTREMES_TTL_SECONDS=${EXTREMES_TTL_SECONDS:-7776000}
HBASE=${HBASE_HOME:+$HBASE_HOME/bin/}hbase

exec "$HBASE" shell -n <<EOF
create_namespace 'moodstream' rescue nil
# per-topic 1m aggregates: counts, compound sums, histogram (a:v)
unless exists 'moodstream:agg_1m'
  create 'moodstream:agg_1m',
    {NAME => 'a', VERSIONS => 1, COMPRESSION => '$COMPRESSION', DATA_BLOCK_ENCODING => 'FAST_DIFF', BLOOMFILTER => 'ROW'}
end
# per-topic 1h aggregates: counts, compound sums, histogram (a:v)
unless exists 'moodstream:agg_1h'
  create 'moodstream:agg_1h',
    {NAME => 'a', VERSIONS => 1, COMPRESSION => '$COMPRESSION', DATA_BLOCK_ENCODING => 'FAST_DIFF', BLOOMFILTER => 'ROW'}
end
# per-topic 1d aggregates: counts, compound sums, histogram (a:v)
unless exists 'moodstream:agg_1d'
  create 'moodstream:agg_1d',
    {NAME => 'a', VERSIONS => 1, COMPRESSION => '$COMPRESSION', DATA_BLOCK_ENCODING => 'FAST_DIFF', BLOOMFILTER => 'ROW'}
end
# top-k most positive (e:p) and most negative (e:n) posts of each topic-minute, JSON
unless exists 'moodstream:extremes_1m'
  create 'moodstream:extremes_1m',
    {NAME => 'e', VERSIONS => 1, COMPRESSION => '$COMPRESSION', DATA_BLOCK_ENCODING => 'FAST_DIFF', BLOOMFILTER => 'ROW', TTL => $EXTREMES_TTL_SECONDS}
end
# per post id: the extremes rows listing it (r:<row key>, expires with them) and its deletion marker (d:t, kept forever)
unless exists 'moodstream:post_refs'
  create 'moodstream:post_refs',
    {NAME => 'r', VERSIONS => 1, COMPRESSION => '$COMPRESSION', DATA_BLOCK_ENCODING => 'FAST_DIFF', BLOOMFILTER => 'ROW', TTL => $EXTREMES_TTL_SECONDS},
    {NAME => 'd', VERSIONS => 1, COMPRESSION => '$COMPRESSION', DATA_BLOCK_ENCODING => 'FAST_DIFF', BLOOMFILTER => 'ROW'}
end
EOF
