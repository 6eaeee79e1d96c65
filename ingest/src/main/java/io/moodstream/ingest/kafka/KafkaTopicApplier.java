package io.moodstream.ingest.kafka;

import io.moodstream.schema.config.MoodstreamConfig;
import io.moodstream.schema.kafka.KafkaTopics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the missing topics of {@link KafkaTopics#ALL} with their configured partitions,
 * replication and retention, and aligns {@code retention.ms} of existing ones. Idempotent: a second
 * run changes nothing and says so. Partition counts are never lowered (Kafka cannot); a difference
 * is reported as a note.
 */
public final class KafkaTopicApplier {
  /** What an apply did. */
  public record Report(List<String> changes, List<String> notes) {
    public boolean upToDate() {
      return changes.isEmpty();
    }

    /** One line per change and note, or "no changes". */
    public String describe() {
      if (changes.isEmpty() && notes.isEmpty()) {
        return "Kafka topics: no changes";
      }
      List<String> l = new ArrayList<>();
      changes.forEach(c -> l.add("Kafka topics: " + c));
      notes.forEach(n -> l.add("Kafka topics: note: " + n));
      if (changes.isEmpty()) {
        l.add("Kafka topics: no changes");
      }
      return String.join("\n", l);
    }
  }

  private final Admin admin;
  private final long timeoutMs;

  public KafkaTopicApplier(Admin admin, long timeoutMs) {
    this.admin = admin;
    this.timeoutMs = timeoutMs;
  }

  public Report apply(MoodstreamConfig config)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<String> changes = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
    List<KafkaTopics.Settings> wanted =
        KafkaTopics.ALL.stream().map(t -> t.settings(config)).toList();
    List<NewTopic> create = new ArrayList<>();
    List<KafkaTopics.Settings> present = new ArrayList<>();
    for (KafkaTopics.Settings s : wanted) {
      if (existing.contains(s.name())) {
        present.add(s);
      } else {
        create.add(
            new NewTopic(s.name(), s.partitions(), s.replicationFactor())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(s.retentionMs()))));
      }
    }
    if (!create.isEmpty()) {
      try {
        admin.createTopics(create).all().get(timeoutMs, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) { // a concurrent creator won: fine
          throw e;
        }
      }
      for (NewTopic t : create) {
        changes.add(
            "created "
                + t.name()
                + " (partitions="
                + t.numPartitions()
                + ", replication="
                + t.replicationFactor()
                + ", retention.ms="
                + t.configs().get(TopicConfig.RETENTION_MS_CONFIG)
                + ")");
      }
    }
    if (!present.isEmpty()) {
      Collection<String> names = present.stream().map(KafkaTopics.Settings::name).toList();
      Map<String, TopicDescription> desc =
          admin.describeTopics(names).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
      List<ConfigResource> resources =
          names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
      Map<ConfigResource, Config> configs =
          admin.describeConfigs(resources).all().get(timeoutMs, TimeUnit.MILLISECONDS);
      for (KafkaTopics.Settings s : present) {
        int partitions = desc.get(s.name()).partitions().size();
        if (partitions != s.partitions()) {
          notes.add(
              s.name()
                  + " has "
                  + partitions
                  + " partitions, configured "
                  + s.partitions()
                  + " (left as is)");
        }
        ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, s.name());
        ConfigEntry retention = configs.get(r).get(TopicConfig.RETENTION_MS_CONFIG);
        String want = Long.toString(s.retentionMs());
        if (retention == null || !want.equals(retention.value())) {
          admin
              .incrementalAlterConfigs(
                  Map.of(
                      r,
                      List.of(
                          new AlterConfigOp(
                              new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, want),
                              AlterConfigOp.OpType.SET))))
              .all()
              .get(timeoutMs, TimeUnit.MILLISECONDS);
          changes.add(
              "set "
                  + s.name()
                  + " retention.ms "
                  + (retention == null ? "?" : retention.value())
                  + " -> "
                  + want);
        }
      }
    }
    return new Report(changes, notes);
  }
}
