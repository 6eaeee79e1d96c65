package io.moodstream.local;

import java.nio.file.Path;

/** Where the local stack keeps its data, logs and pid files: everything under {@code var/}. */
record StackPaths(Path root) {
  Path var() {
    return root.resolve("var");
  }

  Path log(String component) {
    return var().resolve("log").resolve(component + ".log");
  }

  Path pid(String component) {
    return var().resolve("run").resolve(component + ".pid");
  }

  Path data(String component) {
    return var().resolve(component);
  }

  Path run() {
    return var().resolve("run");
  }
}
