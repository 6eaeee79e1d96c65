package io.moodstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.broker.KafkaBroker;
import io.moodstream.ingest.kafka.Kafka;
import io.moodstream.schema.kafka.KafkaTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real command in its own JVM: SIGTERM stops it cleanly, with everything on Kafka. */
class CleanStopIT {
  @TempDir Path dir;

  @Test
  void sigtermStopsReadingFlushesPrintsTheSummaryAndExitsZero() throws Exception {
    KafkaBroker kafka = Kafka.broker();
    long startMs = System.currentTimeMillis();
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "io.moodstream.ingest.IngestMain",
            "--source",
            "synthetic",
            "--rate",
            "300",
            "--topics",
            "coffee,tea");
    pb.environment().put("MOODSTREAM_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    pb.environment().put("MOODSTREAM_INGEST_STATE_DIR", dir.toString());
    pb.redirectOutput(dir.resolve("out.txt").toFile());
    pb.redirectError(dir.resolve("err.txt").toFile());
    Process p = pb.start();
    try {
      // wait until it is producing
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        Path status = dir.resolve("status.json");
        if (Files.exists(status)
            && Files.readString(status).matches("(?s).*\"synthetic/kafka.delivered\":[1-9].*")) {
          break;
        }
        Thread.sleep(100);
      }
      Thread.sleep(1000);
      p.destroy(); // SIGTERM
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    long endMs = System.currentTimeMillis();
    String out = Files.readString(dir.resolve("out.txt"));
    String err = Files.readString(dir.resolve("err.txt"));
    assertThat(p.exitValue()).as(out + err).isZero();
    assertThat(err).contains("SIGTERM received, stopping");
    Matcher m = Pattern.compile("([\\d,]+) posts produced").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    long produced = Long.parseLong(m.group(1).replace(",", ""));
    assertThat(produced).isPositive();
    assertThat(out).contains("0 spooled");
    assertThat(Files.readString(dir.resolve("status.json"))).contains("\"state\":\"stopped\"");

    // every post it counted is on Kafka (ids are snowflakes of this run's wall-clock time)
    long lo = (startMs - 1288834974657L) << 22;
    long hi = (endMs + 1 - 1288834974657L) << 22;
    List<?> got =
        Kafka.read(
            kafka.bootstrapServers(),
            KafkaTopics.POSTS.name(),
            r -> {
              long id = Long.parseLong(new String(r.key(), StandardCharsets.UTF_8));
              return id >= lo && id < hi;
            },
            l -> l.size() >= produced,
            Duration.ofSeconds(60));
    assertThat(got).hasSize((int) produced);
  }
}
