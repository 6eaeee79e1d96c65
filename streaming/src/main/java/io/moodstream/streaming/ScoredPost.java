package io.moodstream.streaming;

import io.moodstream.schema.event.PostEvent;

/**
 * A post and its VADER compound. {@code scored} is false for posts whose language VADER cannot
 * score: they count in volume only, and {@code compound} is 0.
 */
public record ScoredPost(PostEvent post, boolean scored, double compound) {}
