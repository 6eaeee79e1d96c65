package io.moodstream.local;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

/**
 * The module layering of Moodstream as one ArchUnit rule: {@code schema} and {@code sentiment}
 * depend on nothing of ours; {@code storage} and {@code ingest} on {@code schema}; {@code
 * streaming} and {@code rest} on {@code schema}, {@code sentiment}, {@code storage}; {@code sql} on
 * {@code schema} and {@code storage}; nothing depends on {@code ingest}, {@code streaming}, {@code
 * rest}, {@code sql} or {@code local}; the Kafka broker launcher ({@code kafka-broker}) depends on
 * nothing of ours and only the local stack uses it (tests of any module may).
 */
final class Layering {
  private Layering() {}

  static LayeredArchitecture rule() {
    return layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("schema")
        .definedBy("io.moodstream.schema..")
        .layer("sentiment")
        .definedBy("io.moodstream.sentiment..")
        .layer("storage")
        .definedBy("io.moodstream.storage..")
        .layer("ingest")
        .definedBy("io.moodstream.ingest..")
        .layer("streaming")
        .definedBy("io.moodstream.streaming..")
        .layer("rest")
        .definedBy("io.moodstream.rest..")
        .layer("sql")
        .definedBy("io.moodstream.sql..")
        .layer("broker")
        .definedBy("io.moodstream.broker..")
        .layer("local")
        .definedBy("io.moodstream.local..")
        .whereLayer("schema")
        .mayOnlyBeAccessedByLayers("storage", "ingest", "streaming", "rest", "sql", "local")
        .whereLayer("sentiment")
        .mayOnlyBeAccessedByLayers("streaming", "rest", "local")
        .whereLayer("storage")
        .mayOnlyBeAccessedByLayers("streaming", "rest", "sql", "local")
        .whereLayer("ingest")
        .mayOnlyBeAccessedByLayers("local")
        .whereLayer("streaming")
        .mayOnlyBeAccessedByLayers("local")
        .whereLayer("rest")
        .mayOnlyBeAccessedByLayers("local")
        .whereLayer("sql")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("broker")
        .mayOnlyBeAccessedByLayers("local")
        .whereLayer("local")
        .mayNotBeAccessedByAnyLayer();
  }
}
