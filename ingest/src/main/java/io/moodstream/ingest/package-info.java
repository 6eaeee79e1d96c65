/**
 * Ingest: turns live and archived social streams (synthetic, replay, Twitter v1.1, X API v2,
 * Bluesky Jetstream) into the post and delete events of {@code io.moodstream.schema} on Kafka.
 * Depends on {@code schema} only.
 */
package io.moodstream.ingest;
