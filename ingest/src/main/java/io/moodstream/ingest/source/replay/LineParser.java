package io.moodstream.ingest.source.replay;

/** Turns one input line (UTF-8 bytes, no line terminator) into a {@link LineOutcome}. */
public interface LineParser {
  LineOutcome parse(byte[] buf, int off, int len);
}
