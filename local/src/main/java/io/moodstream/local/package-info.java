/**
 * Local stack: {@code ./moodstream up} runs Kafka, HBase, the streaming job, the REST service and
 * an ingest source as child processes on one machine. Nothing depends on this module.
 */
package io.moodstream.local;
