package io.moodstream.ingest.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The final summary of a run, and the {@code status.json} the local stack's status view reads. */
public final class Summary {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Summary() {}

  /** Human summary: read, produced, deletes, dead letters and skips by reason, Kafka delivery. */
  public static String render(String source, Metrics m, Duration elapsed) {
    long read = m.get(source, "read");
    long posts = m.get(source, "posts");
    long deletes = m.get(source, "deletes");
    double s = Math.max(elapsed.toMillis(), 1) / 1000.0;
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "ingest %s: %,d read, %,d posts produced, %,d deletes in %.1f s (%,.0f posts/s)%n",
            source,
            read,
            posts,
            deletes,
            s,
            posts / s));
    Map<String, Long> dlq = byPrefix(m, source, "dlq.");
    Map<String, Long> skipped = byPrefix(m, source, "skipped.");
    b.append("  dead letters: ").append(line(dlq)).append('\n');
    b.append("  skipped:      ").append(line(skipped)).append('\n');
    Map<String, Long> notices = byPrefix(m, source, "notice.");
    Map<String, Long> reconnects = byPrefix(m, source, "reconnect.");
    if (!notices.isEmpty()) {
      b.append("  notices:      ").append(line(notices)).append('\n');
    }
    if (!reconnects.isEmpty()) {
      b.append("  reconnects:   ").append(line(reconnects)).append('\n');
    }
    b.append(
        String.format(
            Locale.ROOT,
            "  kafka:        %,d delivered, %,d spooled for re-sending%s%n",
            m.get(source, "kafka.delivered"),
            m.get(source, "kafka.spooled"),
            m.get(source, "kafka.resent") > 0
                ? String.format(
                    Locale.ROOT, ", %,d re-sent from the spool", m.get(source, "kafka.resent"))
                : ""));
    return b.toString();
  }

  static Map<String, Long> byPrefix(Metrics m, String source, String prefix) {
    String p = source + "/" + prefix;
    Map<String, Long> r = new TreeMap<>();
    m.snapshot()
        .forEach(
            (k, v) -> {
              if (k.startsWith(p)) {
                r.put(k.substring(p.length()), v);
              }
            });
    return r;
  }

  private static String line(Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return "none";
    }
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    return counts.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", ", String.format(Locale.ROOT, "%,d (", total), ")"));
  }

  /** Writes {@code status.json} atomically: source, state, start, update time and every counter. */
  public static void writeStatus(
      Path file, String source, String state, Instant started, Instant now, Metrics m)
      throws IOException {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("source", source);
    status.put("state", state);
    status.put("pid", ProcessHandle.current().pid());
    status.put("started", started.toString());
    status.put("updated", now.toString());
    status.put("counters", m.snapshot());
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, JSON.writeValueAsString(status) + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
