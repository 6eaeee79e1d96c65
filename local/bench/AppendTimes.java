import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.KafkaClientConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Prints the timestamp (ms) of every record of a topic, read from the beginning with the
 * configured Kafka client settings; stops after 5 s without records. A single-file program for
 * {@code cluster-vs-single.sh} ({@code java AppendTimes.java BOOTSTRAP TOPIC}).
 */
public final class AppendTimes {
  public static void main(String[] args) {
    MoodstreamConfig config = MoodstreamConfig.load(CommonConfig.KEYS);
    Map<String, Object> p = new HashMap<>(KafkaClientConfig.properties(config));
    p.put("bootstrap.servers", args[0]);
    p.put("group.id", "bench-append-times-" + System.nanoTime());
    p.put("auto.offset.reset", "earliest");
    p.put("enable.auto.commit", "false");
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of(args[1]));
      long idle = System.nanoTime();
      StringBuilder out = new StringBuilder();
      while (System.nanoTime() - idle < Duration.ofSeconds(5).toNanos()) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
          out.append(r.timestamp()).append('\n');
          idle = System.nanoTime();
        }
        if (out.length() > 1 << 20) {
          System.out.print(out);
          out.setLength(0);
        }
      }
      System.out.print(out);
    }
  }
}
