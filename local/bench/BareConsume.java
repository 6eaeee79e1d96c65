import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.KafkaClientConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.event.ParseResult;
import io.moodstream.schema.event.PostCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The bare limit of the end-to-end path: one Kafka consumer reading a topic from the beginning
 * (every partition assigned, no group) and parsing every record as the job does ({@code
 * PostCodec.parse}: the binary record or JSON, by the first byte), until N records are read or 5 s
 * pass without one. Prints one line: records, parsed posts, seconds, records/s. A single-file
 * program for {@code cluster-vs-single.sh} ({@code java BareConsume.java BOOTSTRAP TOPIC N}).
 */
public final class BareConsume {
  public static void main(String[] args) {
    long n = Long.parseLong(args[2]);
    MoodstreamConfig config = MoodstreamConfig.load(CommonConfig.KEYS);
    Map<String, Object> p = new HashMap<>(KafkaClientConfig.properties(config));
    p.put("bootstrap.servers", args[0]);
    p.put("enable.auto.commit", "false");
    p.put("max.poll.records", 5000);
    p.put("fetch.max.bytes", 64 << 20);
    p.put("max.partition.fetch.bytes", 16 << 20);
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      for (PartitionInfo i : c.partitionsFor(args[1])) {
        parts.add(new TopicPartition(i.topic(), i.partition()));
      }
      long start = System.nanoTime();
      c.assign(parts);
      c.seekToBeginning(parts);
      long read = 0;
      long parsed = 0;
      long last = start;
      while (read < n && System.nanoTime() - last < Duration.ofSeconds(5).toNanos()) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          read++;
          if (PostCodec.parse(r.value()) instanceof ParseResult.Accepted<?>) {
            parsed++;
          }
          last = System.nanoTime();
        }
      }
      double s = (last - start) / 1e9;
      System.out.printf(
          "%d records read, %d posts parsed in %.1f s: %.0f posts/s%n", read, parsed, s, read / s);
    }
  }
}
