package io.moodstream.local;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Writes {@code ./moodstream}'s bash completion (into local's classes, where {@code ./moodstream
 * completion} finds it) with picocli's {@link AutoComplete}, from one top-level command whose
 * subcommands are the real commands' specs: their options are read from the classes that parse
 * them, so the completion cannot drift from them. Maven runs it in {@code prepare-package} (local's
 * pom) with local's test classpath, the one that holds every module.
 */
public final class CompletionScript {
  /** {@code ./moodstream}'s commands besides up/down/status, and the class that parses each. */
  static final String[][] COMMANDS = {
    {"schema", "io.moodstream.storage.SchemaCommand"},
    {"score", "io.moodstream.sentiment.cli.ScoreOptions$Line"},
    {"ingest", "io.moodstream.ingest.IngestMain"},
    {"stream", "io.moodstream.streaming.StreamMain"},
    {"serve", "io.moodstream.rest.ServeMain"},
    {"sql", "io.moodstream.sql.cli.SqlMain"},
    {"export", "io.moodstream.sql.cli.ExportMain"},
  };

  private CompletionScript() {}

  /** Writes the script to {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: CompletionScript OUTPUT_FILE");
    }
    Path out = Path.of(args[0]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, script(), StandardCharsets.UTF_8);
  }

  /** The bash completion script of {@link #command}. */
  static String script() {
    return AutoComplete.bash("moodstream", command());
  }

  /**
   * {@code moodstream} with every command as a subcommand: up, down, status and completion from
   * {@link LocalMain}, the others from {@link #COMMANDS}.
   */
  static CommandLine command() {
    CommandLine top = new CommandLine(spec(LocalMain.class));
    for (String[] c : COMMANDS) {
      top.addSubcommand(c[0], spec(load(c[1])));
    }
    return top;
  }

  /** The command's spec, read from its class. */
  private static CommandSpec spec(Class<?> type) {
    return CommandSpec.forAnnotatedObject(type, DESCRIPTION_ONLY);
  }

  /**
   * Instances for reading a spec only (picocli injects {@code @Spec} fields): a command's
   * constructor takes its streams and services, which a description does not use, so they are null.
   */
  private static final CommandLine.IFactory DESCRIPTION_ONLY =
      new CommandLine.IFactory() {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
          for (Constructor<?> c : cls.getDeclaredConstructors()) {
            if (c.getParameterCount() == 0 || Modifier.isAbstract(cls.getModifiers())) {
              return CommandLine.defaultFactory().create(cls);
            }
          }
          Constructor<?> c = cls.getDeclaredConstructors()[0];
          c.setAccessible(true);
          return cls.cast(c.newInstance(new Object[c.getParameterCount()]));
        }
      };

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, CompletionScript.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(name + " is not on the classpath: build its module", e);
    }
  }
}
