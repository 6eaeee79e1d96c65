/**
 * Streaming: the Spark Structured Streaming job that scores Kafka-fed posts and writes per-topic
 * minute aggregates and extreme posts to HBase through {@code io.moodstream.storage}. Depends on
 * {@code schema}, {@code sentiment} and {@code storage}.
 */
package io.moodstream.streaming;
