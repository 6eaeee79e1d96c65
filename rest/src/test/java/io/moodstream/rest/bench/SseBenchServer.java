package io.moodstream.rest.bench;

import io.moodstream.rest.RestConfig;
import io.moodstream.rest.RestServer;
import io.moodstream.rest.RestServices;
import io.moodstream.rest.store.BucketStore;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.hbase.Aggregate;
import io.moodstream.schema.hbase.Step;
import io.moodstream.storage.Bucket;
import io.moodstream.storage.Extremes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The server of {@code rest/bench/sse-load.sh} (test scope): the REST service alone, configured
 * from the environment like {@code ./moodstream serve} ({@code MOODSTREAM_REST_*}), over a
 * synthetic in-memory store, so that its memory and threads are the service's own. The store has
 * five topics with a minute bucket for every minute up to now; the current minute grows every
 * second, so every live poll pushes an update to every subscriber. Prints {@code READY <port>}.
 */
public final class SseBenchServer {
  private SseBenchServer() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 18090;
    RestConfig.Settings settings =
        RestConfig.Settings.from(MoodstreamConfig.load(RestConfig.KEYS)).withPort(port);
    RestServer server =
        RestServer.start(
            RestServices.create(
                new SyntheticStore(Clock.systemUTC()), settings, Clock.systemUTC()));
    System.out.println("READY " + server.port());
    System.out.flush();
    Thread.currentThread().join();
  }

  /** Every minute of five topics, the current one growing with the clock; no extremes. */
  static final class SyntheticStore implements BucketStore {
    static final List<String> TOPICS = List.of("topic1", "topic2", "topic3", "topic4", "topic5");
    private final Clock clock;

    SyntheticStore(Clock clock) {
      this.clock = clock;
    }

    @Override
    public List<TopicSpan> topics() {
      long now = Step.MINUTE.alignDown(clock.instant().getEpochSecond());
      List<TopicSpan> out = new ArrayList<>();
      for (String t : TOPICS) {
        out.add(new TopicSpan(t, now - 30L * 86_400, now));
      }
      return out;
    }

    @Override
    public List<Bucket> aggregates(Step step, String topic, long from, long to) {
      long nowSecond = clock.instant().getEpochSecond();
      long end = Math.min(to, step.alignDown(nowSecond) + step.seconds());
      List<Bucket> out = new ArrayList<>();
      for (long s = step.alignDown(from); s < end; s += step.seconds()) {
        if (s < from) {
          continue;
        }
        int posts = s + step.seconds() > nowSecond ? (int) (nowSecond - s) + 1 : 20;
        out.add(new Bucket(topic, s, minute(s, Math.min(posts, 60))));
      }
      return out;
    }

    private static Aggregate minute(long start, int n) {
      Aggregate a = Aggregate.EMPTY;
      for (int i = 0; i < n; i++) {
        a = a.merge(Aggregate.ofScored(((start / 60 + i * 7L) % 19) / 10.0 - 0.9));
      }
      return a;
    }

    @Override
    public List<Extremes> extremes(String topic, long from, long to) {
      return List.of();
    }

    @Override
    public void ping() {}
  }
}
