package io.moodstream.storage;

import io.moodstream.schema.hbase.HBaseLayout;
import io.moodstream.schema.key.KeyLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;

/**
 * The {@code post_refs} table: which extremes rows list a post, and which posts were deleted. Row
 * key = the post id in UTF-8 (so {@code PostRules} keeps ids within {@link
 * KeyLimits#MAX_ROW_BYTES}); {@code r:<extremes_1m row key>} = empty: that row lists the post;
 * {@code d:t} = when the post was deleted (ISO-8601 text). The Puts are full values, so writing one
 * twice (a replayed micro-batch) changes nothing; the reads are batched Gets. Thread-safe.
 */
public final class PostRefs {
  private static final byte[] EMPTY = new byte[0];

  private final Connection connection;
  private final HBaseLayout layout;

  public PostRefs(Connection connection, HBaseLayout layout) {
    this.connection = connection;
    this.layout = layout;
  }

  /** The row of a post. */
  public static byte[] row(String postId) {
    return postId.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code r:<extremesRow>}: the extremes row lists the post. */
  public static Put reference(String postId, byte[] extremesRow) {
    return new Put(row(postId)).addColumn(HBaseLayout.REFS_FAMILY, extremesRow, EMPTY);
  }

  /** {@code d:t}: the post was deleted at {@code at} (the delete's Kafka append time). */
  public static Put deletion(String postId, Instant at) {
    return new Put(row(postId))
        .addColumn(
            HBaseLayout.DELETED_FAMILY,
            HBaseLayout.DELETED_QUALIFIER,
            at.toString().getBytes(StandardCharsets.UTF_8));
  }

  static Get deletionMarker(String postId) {
    return new Get(row(postId))
        .addColumn(HBaseLayout.DELETED_FAMILY, HBaseLayout.DELETED_QUALIFIER);
  }

  static Get references(String postId) {
    return new Get(row(postId)).addFamily(HBaseLayout.REFS_FAMILY);
  }

  /** The ids among {@code ids} that carry a deletion marker. */
  public Set<String> deletedAmong(Collection<String> ids) throws IOException {
    if (ids.isEmpty()) {
      return Set.of();
    }
    List<String> list = new ArrayList<>(ids);
    Result[] results = get(list, PostRefs::deletionMarker);
    Set<String> deleted = new HashSet<>();
    for (int i = 0; i < results.length; i++) {
      if (!results[i].isEmpty()) {
        deleted.add(list.get(i));
      }
    }
    return deleted;
  }

  /** The extremes row keys that list any of {@code ids}, once each, in the order found. */
  public List<byte[]> extremesRowsListing(Collection<String> ids) throws IOException {
    if (ids.isEmpty()) {
      return List.of();
    }
    Set<ByteBuffer> rows = new LinkedHashSet<>(); // ByteBuffer: equality by content
    for (Result r : get(ids, PostRefs::references)) {
      if (!r.isEmpty()) {
        r.getFamilyMap(HBaseLayout.REFS_FAMILY).keySet().forEach(q -> rows.add(ByteBuffer.wrap(q)));
      }
    }
    List<byte[]> out = new ArrayList<>(rows.size());
    rows.forEach(b -> out.add(b.array()));
    return out;
  }

  /** One batched read of post_refs: the result of {@code get} of each id, in the order of ids. */
  private Result[] get(Collection<String> ids, Function<String, Get> get) throws IOException {
    List<Get> gets = new ArrayList<>(ids.size());
    for (String id : ids) {
      gets.add(get.apply(id));
    }
    try (Table t =
        connection.getTable(TableName.valueOf(layout.qualified(HBaseLayout.POST_REFS_TABLE)))) {
      return t.get(gets);
    }
  }
}
