#!/usr/bin/env bash
# Creates the Moodstream HBase tables with the HBase shell.
# Generated from io.moodstream.schema.hbase.HBaseLayout; `./moodstream schema apply`
# applies the same definition (idempotently). Layout explained in ../HBASE-SCHEMA.md.
#
# Usage: [COMPRESSION=SNAPPY] [EXTREMES_TTL_SECONDS=2592000] [HBASE_HOME=...] ./create_tables.sh
set -euo pipefail
COMPRESSION=${COMPRESSION:-GZ}
EXTREMES_TTL_SECONDS=${EXTREMES_TTL_SECONDS:-7776000}
HBASE=${HBASE_HOME:+$HBASE_HOME/bin/}hbase

exec "$HBASE" shell -n <<EOF
create_namespace 'moodstream' rescue nil
# per-topic 1m aggregates: counts, compound sums, histogram (a:v)
create 'moodstream:agg_1m',
  {NAME => 'a', VERSIONS => 1, COMPRESSION => '$COMPRESSION', DATA_BLOCK_ENCODING => 'FAST_DIFF', BLOOMFILTER => 'ROW'}
# per-topic 1h aggregates: counts, compound sums, histogram (a:v)
create 'moodstream:agg_1h',
  {NAME => 'a', VERSIONS => 1, COMPRESSION => '$COMPRESSION', DATA_BLOCK_ENCODING => 'FAST_DIFF', BLOOMFILTER => 'ROW'}
# per-topic 1d aggregates: counts, compound sums, histogram (a:v)
create 'moodstream:agg_1d',
  {NAME => 'a', VERSIONS => 1, COMPRESSION => '$COMPRESSION', DATA_BLOCK_ENCODING => 'FAST_DIFF', BLOOMFILTER => 'ROW'}
# top-k most positive (e:p) and most negative (e:n) posts of each topic-minute, JSON
create 'moodstream:extremes_1m',
  {NAME => 'e', VERSIONS => 1, COMPRESSION => '$COMPRESSION', DATA_BLOCK_ENCODING => 'FAST_DIFF', BLOOMFILTER => 'ROW', TTL => $EXTREMES_TTL_SECONDS}
# per post id: the extremes rows listing it (r:<row key>, expires with them) and its deletion marker (d:t, kept forever)
create 'moodstream:post_refs',
  {NAME => 'r', VERSIONS => 1, COMPRESSION => '$COMPRESSION', DATA_BLOCK_ENCODING => 'FAST_DIFF', BLOOMFILTER => 'ROW', TTL => $EXTREMES_TTL_SECONDS},
  {NAME => 'd', VERSIONS => 1, COMPRESSION => '$COMPRESSION', DATA_BLOCK_ENCODING => 'FAST_DIFF', BLOOMFILTER => 'ROW'}
EOF
