package io.moodstream.ingest.core;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.event.Author;
import io.moodstream.schema.event.DeadLetter;
import io.moodstream.schema.event.DeleteEvent;
import io.moodstream.schema.event.InvalidEventException;
import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.event.PostRules;
import io.moodstream.schema.event.Reject;
import io.moodstream.schema.event.Source;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The common path of every source: validates what a source read, matches topics, and hands post,
 * delete and dead-letter events to the sink, counting each outcome. Bad records never stop the
 * stream: they become dead letters with their reason. Thread-safe.
 */
public final class Ingestor {
  private final Source source;
  private final String name;
  private final TopicMatcher matcher;
  private final Set<String> configuredTopics;
  private final EventSink sink;
  private final Metrics metrics;
  private final Clock clock;
  private final Duration maxClockSkew;
  private final java.util.concurrent.atomic.LongAdder readCount;
  private final java.util.concurrent.atomic.LongAdder postCount;
  private final java.util.concurrent.atomic.LongAdder deleteCount;

  public Ingestor(
      Source source, TopicMatcher matcher, EventSink sink, Metrics metrics, Clock clock) {
    this(source, matcher, sink, metrics, clock, CommonConfig.POSTS_MAX_CLOCK_SKEW.defaultValue());
  }

  /**
   * @param maxClockSkew how far a post's createdAt may lie ahead of {@code clock} ({@code
   *     posts.max.clock.skew}); later ones become {@code future-created-at} dead letters
   */
  public Ingestor(
      Source source,
      TopicMatcher matcher,
      EventSink sink,
      Metrics metrics,
      Clock clock,
      Duration maxClockSkew) {
    this.maxClockSkew = maxClockSkew;
    this.source = source;
    this.name = source.wireName();
    this.matcher = matcher;
    this.configuredTopics = Set.copyOf(matcher.topics());
    this.sink = sink;
    this.metrics = metrics;
    this.clock = clock;
    this.readCount = metrics.counter(name, "read");
    this.postCount = metrics.counter(name, "posts");
    this.deleteCount = metrics.counter(name, "deletes");
  }

  public Metrics metrics() {
    return metrics;
  }

  /** Counts one record read from the source (whatever becomes of it). */
  public void read() {
    readCount.increment();
  }

  /**
   * A post read from the source; {@code raw} is asked for only if the post is rejected. The post
   * must pass {@link PostRules}: the field rules here, naming the field as sources spell it, then
   * the event's own (its matched topics) when the event is built, so a post the job could not store
   * is a dead letter here, not one hop later.
   *
   * @return the event sent, or {@code null} when the post went to the DLQ
   */
  public PostEvent post(SourcePost p, Supplier<String> raw) {
    Reject r = validate(p);
    if (r == null) {
      r = PostRules.futureCreatedAt(p.createdAt(), clock.instant(), maxClockSkew, "ingest's clock");
    }
    if (r != null) {
      reject(raw.get(), r, p.id());
      return null;
    }
    List<String> topics = matcher.match(p.text());
    if (!p.tags().isEmpty()) {
      List<String> all = new ArrayList<>(topics);
      for (String t : p.tags()) {
        String n = TopicMatcher.normalize(t);
        if (configuredTopics.contains(n) && !all.contains(n)) {
          all.add(n);
        }
      }
      topics = all;
    }
    PostEvent e;
    try {
      e =
          new PostEvent(
              p.id(),
              source,
              p.createdAt(),
              p.text(),
              p.lang() == null || p.lang().isEmpty() || p.lang().equals("und") ? null : p.lang(),
              new Author(p.authorId(), p.handle() == null ? "" : p.handle()),
              topics,
              p.url());
    } catch (InvalidEventException ex) {
      reject(raw.get(), ex.reject(), p.id());
      return null;
    }
    sink.post(e);
    postCount.increment();
    return e;
  }

  public void delete(String id) {
    Reject r = PostRules.id("delete.id", id);
    if (r != null) {
      reject("", r, null);
      return;
    }
    sink.delete(new DeleteEvent(source, id));
    deleteCount.increment();
  }

  /** A record that cannot become an event: to the DLQ with its reason, counted by reason code. */
  public void reject(String raw, Reject reason, String key) {
    sink.deadLetter(
        new DeadLetter(raw == null ? "" : raw, reason.reason(), name, clock.instant()), key);
    metrics.inc(name, "dlq." + reason.code().counterName());
  }

  /** A record deliberately not turned into an event (a notice, another collection): counted. */
  public void skip(String code) {
    metrics.inc(name, "skipped." + code);
  }

  /** The {@link PostRules} of each field a source fills, in the source's field names. */
  static Reject validate(SourcePost p) {
    Reject r = PostRules.id("id", p.id());
    if (r == null) {
      r = PostRules.text("text", p.text());
    }
    if (r == null) {
      r = PostRules.createdAt("created_at", p.createdAt());
    }
    if (r == null) {
      r = PostRules.required("author.id", p.authorId());
    }
    return r;
  }
}
