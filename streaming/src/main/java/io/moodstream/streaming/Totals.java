package io.moodstream.streaming;

/**
 * Job-wide counts of the posts query, kept in Spark state (the job's own "totals" group), so they
 * are exact under task and stage retries and survive restarts with the checkpoint.
 *
 * @param posts posts read that could be stored (each post once per input partition and batch), late
 *     ones and duplicates included
 * @param latePosts post records of minutes that had closed under the watermark when they arrived
 *     (dropped)
 * @param deadLetters records sent to the dead-letter topic, future-dated posts included
 * @param futureCreatedAt posts whose createdAt lay more than {@code posts.max.clock.skew} ahead of
 *     their Kafka append time
 */
public record Totals(long posts, long latePosts, long deadLetters, long futureCreatedAt) {
  private static final int FORMAT = 5;

  public static final Totals ZERO = new Totals(0, 0, 0, 0);

  public Totals plus(Totals o) {
    return new Totals(
        posts + o.posts,
        latePosts + o.latePosts,
        deadLetters + o.deadLetters,
        futureCreatedAt + o.futureCreatedAt);
  }

  void write(Bytes.Writer w) {
    w.putByte(FORMAT)
        .putLong(posts)
        .putLong(latePosts)
        .putLong(deadLetters)
        .putLong(futureCreatedAt);
  }

  static Totals read(Bytes.Reader r) {
    r.expect(FORMAT, "job totals");
    return new Totals(r.getLong(), r.getLong(), r.getLong(), r.getLong());
  }

  byte[] toBytes() {
    Bytes.Writer w = new Bytes.Writer(40);
    write(w);
    return w.toByteArray();
  }

  static Totals fromBytes(byte[] b) {
    return read(new Bytes.Reader(b));
  }
}
