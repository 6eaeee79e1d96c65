package io.moodstream.schema.kafka;

import io.moodstream.schema.ApplyReport;
import io.moodstream.schema.config.MoodstreamConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * Applies {@link KafkaTopics#ALL} to a Kafka cluster: creates the missing topics with their
 * configured partitions, replication, retention and {@code min.insync.replicas}, and aligns {@code
 * retention.ms} and {@code min.insync.replicas} of existing ones. Idempotent: a second run changes
 * nothing and says so; a dry run only reports. Partition counts are never lowered and replication
 * is never changed (Kafka cannot do either in place); a difference is reported as a note, for the
 * partitions only when their count is configured (a default partition count is what a topic is
 * created with: {@code up}'s single stack creates its posts topic with one partition per core).
 *
 * <p>Here, beside the topic contract, because three modules apply it: {@code schema apply}
 * (storage, with the HBase tables), ingest (missing topics at start) and the local stack. This
 * module compiles against the Kafka client ({@code provided}); each user brings its own: ingest's
 * 4.x, storage's and streaming's Spark-compatible 3.4.1 (the admin calls used exist in both).
 */
public final class KafkaTopicApplier {
  private final Admin admin;
  private final long timeoutMs;

  public KafkaTopicApplier(Admin admin, long timeoutMs) {
    this.admin = admin;
    this.timeoutMs = timeoutMs;
  }

  public ApplyReport apply(MoodstreamConfig config)
      throws ExecutionException, InterruptedException, TimeoutException {
    return apply(config, false);
  }

  /** Applies the topics, or with {@code dryRun} only reports what it would change. */
  public ApplyReport apply(MoodstreamConfig config, boolean dryRun)
      throws ExecutionException, InterruptedException, TimeoutException {
    String verb = dryRun ? "would " : "";
    List<String> changes = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
    List<NewTopic> create = new ArrayList<>();
    List<KafkaTopics.Settings> present = new ArrayList<>();
    Set<String> partitionsSet = new HashSet<>();
    for (KafkaTopics.Topic t : KafkaTopics.ALL) {
      KafkaTopics.Settings s = t.settings(config);
      if (existing.contains(s.name())) {
        present.add(s);
        if (config.isExplicit(t.partitions())) {
          partitionsSet.add(s.name());
        }
      } else {
        create.add(
            new NewTopic(s.name(), s.partitions(), s.replicationFactor())
                .configs(
                    Map.of(
                        TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(s.retentionMs()),
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                        Integer.toString(s.minInsyncReplicas()))));
      }
    }
    if (!create.isEmpty() && !dryRun) {
      try {
        admin.createTopics(create).all().get(timeoutMs, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) { // a concurrent creator won: fine
          throw e;
        }
      }
    }
    for (NewTopic t : create) {
      changes.add(
          verb
              + "create "
              + t.name()
              + " (partitions="
              + t.numPartitions()
              + ", replication="
              + t.replicationFactor()
              + ", retention.ms="
              + t.configs().get(TopicConfig.RETENTION_MS_CONFIG)
              + ", min.insync.replicas="
              + t.configs().get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)
              + ")");
    }
    if (!present.isEmpty()) {
      alignExisting(present, partitionsSet, dryRun, verb, changes, notes);
    }
    return new ApplyReport("Kafka topics", changes, notes);
  }

  private void alignExisting(
      List<KafkaTopics.Settings> present,
      Set<String> partitionsSet,
      boolean dryRun,
      String verb,
      List<String> changes,
      List<String> notes)
      throws ExecutionException, InterruptedException, TimeoutException {
    Collection<String> names = present.stream().map(KafkaTopics.Settings::name).toList();
    Map<String, TopicDescription> desc =
        admin.describeTopics(names).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
    List<ConfigResource> resources =
        names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    Map<ConfigResource, Config> configs =
        admin.describeConfigs(resources).all().get(timeoutMs, TimeUnit.MILLISECONDS);
    for (KafkaTopics.Settings s : present) {
      TopicDescription d = desc.get(s.name());
      int partitions = d.partitions().size();
      if (partitions != s.partitions() && partitionsSet.contains(s.name())) {
        notes.add(
            s.name()
                + " has "
                + partitions
                + " partitions, configured "
                + s.partitions()
                + " (left as is)");
      }
      int replicas = d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size();
      if (replicas != s.replicationFactor()) {
        notes.add(
            s.name()
                + " has replication "
                + replicas
                + ", configured "
                + s.replicationFactor()
                + " (left as is)");
      }
      ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, s.name());
      Map<String, String> want = new LinkedHashMap<>();
      want.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(s.retentionMs()));
      want.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(s.minInsyncReplicas()));
      List<AlterConfigOp> ops = new ArrayList<>();
      for (Map.Entry<String, String> w : want.entrySet()) {
        ConfigEntry have = configs.get(r).get(w.getKey());
        if (have == null || !w.getValue().equals(have.value())) {
          ops.add(
              new AlterConfigOp(
                  new ConfigEntry(w.getKey(), w.getValue()), AlterConfigOp.OpType.SET));
          changes.add(
              verb
                  + "set "
                  + s.name()
                  + " "
                  + w.getKey()
                  + " "
                  + (have == null ? "?" : have.value())
                  + " -> "
                  + w.getValue());
        }
      }
      if (!ops.isEmpty() && !dryRun) {
        admin.incrementalAlterConfigs(Map.of(r, ops)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
      }
    }
  }
}
