/**
 * REST: the Jersey service for range queries, live push and scoring, which also serves the D3
 * dashboard. Depends on {@code schema}, {@code sentiment} and {@code storage}.
 */
package io.moodstream.rest;
