package io.moodstream.storage;

import io.moodstream.schema.hbase.Aggregate;

/** One stored aggregate: (topic, bucket start in epoch seconds) and its state. */
public record Bucket(String topic, long start, Aggregate aggregate) {}
