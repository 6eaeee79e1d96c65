package io.moodstream.rest.api;

/** {@code GET /health}: {@code ok}/{@code up} or {@code degraded}/{@code down}. */
public record HealthResponse(String status, String hbase) {}
