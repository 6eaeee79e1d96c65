package io.moodstream.rest.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The streaming job's progress for {@code /metrics}: every number (and boolean, as 0/1) of its JSON
 * status file, nested names joined by {@code _}, as a gauge {@code moodstream_stream_<name>}, plus
 * the file's age. Nothing when the file is absent; a comment when it cannot be read.
 */
public final class StreamStatus {
  private StreamStatus() {}

  public static String render(Path file, ObjectMapper json, Clock clock) {
    if (file == null || !Files.isRegularFile(file)) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    try {
      JsonNode root = json.readTree(Files.readAllBytes(file));
      double age = (clock.millis() - Files.getLastModifiedTime(file).toMillis()) / 1000.0;
      b.append(
          "# HELP moodstream_stream_status_age_seconds Age of the streaming job's status file.\n");
      b.append("# TYPE moodstream_stream_status_age_seconds gauge\n");
      b.append("moodstream_stream_status_age_seconds ")
          .append(String.format(Locale.ROOT, "%.3f", Math.max(0, age)))
          .append('\n');
      flatten("moodstream_stream", root, b);
    } catch (IOException | RuntimeException e) {
      b.append("# stream status file ")
          .append(file.getFileName())
          .append(" unreadable: ")
          .append(e.getClass().getSimpleName())
          .append('\n');
    }
    return b.toString();
  }

  private static void flatten(String prefix, JsonNode node, StringBuilder b) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        flatten(prefix + "_" + sanitize(e.getKey()), e.getValue(), b);
      }
    } else if (node.isNumber() || node.isBoolean()) {
      double v = node.isBoolean() ? (node.asBoolean() ? 1 : 0) : node.asDouble();
      b.append("# TYPE ").append(prefix).append(" gauge\n");
      b.append(prefix).append(' ').append(format(v)).append('\n');
    }
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%s", v);
  }

  static String sanitize(String key) {
    String snake = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    return snake.replaceAll("[^a-z0-9_]", "_");
  }
}
