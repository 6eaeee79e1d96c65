package io.moodstream.ingest.source.replay;

/** Turns one input line (UTF-8 bytes, no line terminator) into a {@link Parsed}. */
public interface LineParser {
  Parsed parse(byte[] buf, int off, int len);
}
