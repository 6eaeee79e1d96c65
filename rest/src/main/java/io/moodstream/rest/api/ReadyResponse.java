package io.moodstream.rest.api;

/**
 * {@code GET /health/ready}.
 *
 * @param status {@code ready}, {@code not_ready} or {@code stopping}
 * @param hbase {@code up}, {@code down} or {@code unchecked} (while stopping)
 * @param stream the streaming job's status: {@code fresh}, {@code stale}, {@code missing}, {@code
 *     unreadable} or {@code not_configured}
 */
public record ReadyResponse(String status, String hbase, String stream) {}
