package io.moodstream.rest.health;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the streaming job's status is read from: the one seam between the service and the job's
 * status file ({@code rest.stream.status.file}). Today a local path or {@code file:} URI; a cluster
 * file system reader plugs in here.
 */
@FunctionalInterface
public interface StreamStatusSource {

  /**
   * The status now: its JSON and when it was last modified; empty when there is none yet.
   *
   * @throws IOException when it exists but cannot be read
   */
  Optional<Status> read() throws IOException;

  /**
   * The raw status.
   *
   * @param json the file's bytes
   * @param modified when the file was last written
   */
  record Status(byte[] json, Instant modified) {}

  /** No status configured. */
  StreamStatusSource NONE = Optional::empty;

  /**
   * The source for a configured location: a local path or {@code file:} URI.
   *
   * @throws IllegalArgumentException for another scheme (not supported yet)
   */
  static StreamStatusSource of(String location) {
    Path path = localPath(location);
    return () -> {
      try {
        byte[] json = Files.readAllBytes(path);
        return Optional.of(new Status(json, Files.getLastModifiedTime(path).toInstant()));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      }
    };
  }

  private static Path localPath(String location) {
    String l = location.trim();
    int colon = l.indexOf(':');
    if (colon > 1 && l.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      URI uri = URI.create(l);
      if (!"file".equalsIgnoreCase(uri.getScheme())) {
        throw new IllegalArgumentException(
            "rest.stream.status.file: "
                + uri.getScheme()
                + ": URIs are not readable by the REST service yet; use a local path");
      }
      return Path.of(uri);
    }
    return Path.of(l);
  }
}
