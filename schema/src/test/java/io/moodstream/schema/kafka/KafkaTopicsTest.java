package io.moodstream.schema.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.moodstream.schema.config.CommonConfig;
import io.moodstream.schema.config.MoodstreamConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaTopicsTest {
  @Test
  void topicsTakePartitionsAndRetentionFromConfiguration() {
    MoodstreamConfig c =
        MoodstreamConfig.load(
            CommonConfig.KEYS,
            Map.of(
                "MOODSTREAM_KAFKA_TOPIC_POSTS_PARTITIONS",
                "12",
                "MOODSTREAM_KAFKA_TOPIC_POSTS_RETENTION",
                "2d"),
            null);
    assertThat(KafkaTopics.POSTS.settings(c))
        .isEqualTo(new KafkaTopics.Settings("moodstream.posts", 12, (short) 1, 172_800_000L, 1));
    assertThat(KafkaTopics.ALL)
        .extracting(KafkaTopics.Topic::name)
        .containsExactly("moodstream.posts", "moodstream.deletes", "moodstream.dlq");
  }
}
