package io.moodstream.rest.health;

import io.moodstream.storage.StatusFiles;
import java.io.IOException;
import java.util.Optional;

/**
 * Where the streaming job's status is read from: the one seam between the service and the job's
 * status file ({@code rest.stream.status.file}), read with storage's {@link StatusFiles} — a local
 * path, a {@code file:} URI or a Hadoop FileSystem URI ({@code hdfs:}, {@code s3a:}, EMRFS {@code
 * s3:}), where the job writes it on a cluster.
 */
@FunctionalInterface
public interface StreamStatusSource {

  /**
   * The status now: its JSON and when it was last modified; empty when there is none yet.
   *
   * @throws IOException when it exists but cannot be read
   */
  Optional<StatusFiles.Content> read() throws IOException;

  /** No status configured. */
  StreamStatusSource NONE = Optional::empty;

  /** The source for a configured location (a path or a FileSystem URI). */
  static StreamStatusSource of(String location) {
    String l = location.trim();
    return () -> StatusFiles.read(l);
  }
}
