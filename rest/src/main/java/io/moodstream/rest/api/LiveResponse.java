package io.moodstream.rest.api;

/**
 * {@code GET /health/live}: the process serves HTTP (no dependency is checked).
 *
 * @param status always {@code live}
 */
public record LiveResponse(String status) {}
