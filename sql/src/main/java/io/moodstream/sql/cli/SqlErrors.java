package io.moodstream.sql.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;

/**
 * Turns what a statement threw into one line a user can act on, never a stack trace, and sorts it:
 * the statement's fault (bad SQL, unknown column, a value it cannot cast: exit 2) or the
 * environment's (HBase unreachable: exit 1).
 */
final class SqlErrors {
  private SqlErrors() {}

  /**
   * @param userError the statement is at fault; fixing it fixes the error
   * @param message one line
   */
  record Failure(boolean userError, String message) {}

  static Failure of(Throwable e) {
    if (e instanceof AnalysisException a) {
      // ParseException and AnalysisException: the first line holds the error class, the message
      // and the position; the rest is the statement with a caret, or the plan.
      return new Failure(true, withPosition(a));
    }
    Throwable io = find(e, t -> t instanceof IOException || t instanceof UncheckedIOException);
    if (io != null) {
      // the source says what it could not read, and where: "cannot read moodstream:agg_1m from
      // HBase at host:port: <HBase's reason>"
      String m = firstLine(io.getMessage());
      return new Failure(
          false,
          (m.startsWith("cannot read ") ? m : "cannot read HBase: " + oneLine(root(io)))
              + " (is HBase running there? see hbase.zookeeper.* in docs/CONFIGURATION.md)");
    }
    Throwable cause = root(e);
    for (Throwable t : List.of(e, cause)) { // a Spark error class names the statement's mistake
      if (t instanceof SparkThrowable st
          && st.getErrorClass() != null
          && !st.getErrorClass().startsWith("INTERNAL_ERROR")) {
        return new Failure(true, firstLine(t.getMessage()));
      }
    }
    return new Failure(false, oneLine(cause));
  }

  private static final Pattern TRAILING_POSITION =
      Pattern.compile("\\.?\\s*[;(]\\s*line (\\d+),? pos (\\d+)\\)?;?$");

  /**
   * The first line, its position written one way whichever form Spark used ({@code ; line 1 pos 7;}
   * or {@code (line 1, pos 7)}), or added when Spark knows it but did not say.
   */
  static String withPosition(AnalysisException a) {
    String first = firstLine(a.getMessage());
    Matcher m = TRAILING_POSITION.matcher(first);
    if (m.find()) {
      String head = first.substring(0, m.start()).strip();
      return head
          + (head.endsWith(".") ? "" : ".")
          + " (line "
          + m.group(1)
          + ", position "
          + m.group(2)
          + ")";
    }
    scala.Option<Object> line = a.line();
    scala.Option<Object> pos = a.startPosition();
    if (line.isDefined() && pos.isDefined()) {
      return first + " (line " + line.get() + ", position " + pos.get() + ")";
    }
    return first;
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    String t = s.strip();
    int nl = t.indexOf('\n');
    return (nl < 0 ? t : t.substring(0, nl)).strip();
  }

  /** The first line; prefixed with the exception's name unless it is one of our plain reasons. */
  private static String oneLine(Throwable t) {
    String m = firstLine(t.getMessage());
    if (m.isEmpty()) {
      return t.getClass().getSimpleName();
    }
    boolean plain =
        t instanceof IllegalStateException
            || t instanceof IllegalArgumentException
            || t instanceof IOException;
    return plain ? m : t.getClass().getSimpleName() + ": " + m;
  }

  private static Throwable root(Throwable e) {
    Throwable r = e;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    return r;
  }

  /** The outermost throwable of the cause chain that {@code is}. */
  private static Throwable find(Throwable e, Predicate<Throwable> is) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (is.test(t)) {
        return t;
      }
    }
    return null;
  }
}
