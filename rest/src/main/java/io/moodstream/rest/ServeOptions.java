package io.moodstream.rest;

import io.moodstream.schema.cli.Cli;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options of {@code ./moodstream serve}, a picocli mixin of {@link ServeMain}. */
public final class ServeOptions {
  @Option(
      names = "--port",
      paramLabel = "N",
      description = "TCP port (1..65535); overrides rest.port (default 8080)")
  Integer port;

  /** {@code --port N}, overriding {@code rest.port}; an {@link IllegalArgumentException} if bad. */
  public Optional<Integer> port() {
    if (port != null && (port < 1 || port > 65_535)) {
      throw new IllegalArgumentException(
          "--port must be a number between 1 and 65535, was '" + port + "'");
    }
    return Optional.ofNullable(port);
  }

  /**
   * Parses arguments; {@link IllegalArgumentException} with a readable message when they are bad.
   */
  public static ServeOptions parse(List<String> args) {
    ServeOptions options = Cli.parse(new ServeMain(null), args.toArray(String[]::new)).options;
    options.port();
    return options;
  }
}
