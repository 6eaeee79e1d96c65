package io.moodstream.local;

import java.nio.file.Path;

/**
 * Where the local stack finds the modules it runs ({@code root}: the repository) and where it keeps
 * data, logs and pid files ({@code var}: {@code root/var}, or {@code MOODSTREAM_VAR}).
 */
record StackPaths(Path root, Path var) {
  StackPaths(Path root) {
    this(root, root.resolve("var"));
  }

  Path log(String component) {
    return var.resolve("log").resolve(component + ".log");
  }

  Path pid(String component) {
    return var.resolve("run").resolve(component + ".pid");
  }

  Path data(String component) {
    return var.resolve(component);
  }

  Path run() {
    return var.resolve("run");
  }
}
