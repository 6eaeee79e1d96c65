package io.moodstream.sql.source;

import java.io.IOException;

/** One-row seeks into a table's sorted row keys: what planning a scan needs to know. */
public interface KeySpace {

  /**
   * The first row key in [start, stop), or {@code null} when there is none. An empty {@code start}
   * is the table's beginning, an empty {@code stop} its end.
   */
  byte[] firstKey(byte[] start, byte[] stop) throws IOException;

  /** The last row key in [start, stop), or {@code null} when there is none. */
  byte[] lastKey(byte[] start, byte[] stop) throws IOException;
}
