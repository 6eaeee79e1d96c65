package io.moodstream.ingest.source.replay;

import io.moodstream.ingest.core.TopicMatcher;
import io.moodstream.schema.event.Author;
import io.moodstream.schema.event.EventJson;
import io.moodstream.schema.event.PostEvent;
import io.moodstream.schema.event.Source;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CPU time per line of each replay stage (bench helper, not a test). */
public final class StageCpu {
  public static void main(String[] args) throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    TopicMatcher m =
        TopicMatcher.of(List.of("coffee", "climate change", "#worldcup", "election", "ai"));
    for (int stage = 0; stage < 5; stage++) {
      for (int rep = 0; rep < 2; rep++) {
        final int st = stage;
        long[] n = {0, 0};
        FastLineParser p = new FastLineParser();
        long c0 = mx.getCurrentThreadCpuTime();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
          new LineReader(1 << 23)
              .read(
                  in,
                  (b, off, len, cut) -> {
                    n[0]++;
                    if (st >= 1) {
                      n[1] += Utf8.valid(b, off, len) ? 1 : 0;
                    }
                    if (st >= 2) {
                      LineOutcome r = p.parse(b, off, len);
                      if (st >= 3 && r instanceof LineOutcome.AsPost ap) {
                        List<String> topics = m.match(ap.post().text());
                        if (st >= 4) {
                          var q = ap.post();
                          n[1] +=
                              EventJson.toJson(
                                      new PostEvent(
                                          q.id(),
                                          Source.REPLAY,
                                          q.createdAt(),
                                          q.text(),
                                          q.lang(),
                                          new Author(q.authorId(), q.handle()),
                                          topics,
                                          q.url()))
                                  .length;
                        }
                      }
                    }
                    return true;
                  });
        }
        long c1 = mx.getCurrentThreadCpuTime();
        System.out.printf(
            "stage %d: %,d lines, %.2f s cpu, %.2f us/line%n",
            stage, n[0], (c1 - c0) / 1e9, (c1 - c0) / 1e3 / n[0]);
      }
    }
  }
}
