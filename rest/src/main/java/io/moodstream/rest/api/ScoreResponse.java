package io.moodstream.rest.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code GET /api/v1/score}: the scorer's output for a text, and its class. */
@JsonPropertyOrder({"text", "neg", "neu", "pos", "compound", "class"})
public record ScoreResponse(
    String text,
    double neg,
    double neu,
    double pos,
    double compound,
    @JsonProperty("class") String sentimentClass) {}
