package io.moodstream.sql.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts SQL text into statements at the semicolons that end them: not those inside quoted strings
 * ({@code '...'}, {@code "..."}, with backslash escapes as Spark SQL reads them), quoted
 * identifiers ({@code `...`}) or comments ({@code -- ...}, {@code /* ... *}{@code /}). Fed line by
 * line, so an interactive prompt knows when a statement is complete.
 */
final class StatementSplitter {
  private enum State {
    CODE,
    SINGLE,
    DOUBLE,
    BACKTICK,
    LINE_COMMENT,
    BLOCK_COMMENT
  }

  private final StringBuilder current = new StringBuilder();
  private State state = State.CODE;

  /** Adds a line (without its line break); returns the statements it completes, trimmed. */
  List<String> feed(String line) {
    List<String> done = new ArrayList<>();
    String s = line + "\n";
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      char next = i + 1 < s.length() ? s.charAt(i + 1) : '\0';
      switch (state) {
        case CODE -> {
          if (c == ';') {
            String stmt = current.toString().strip();
            if (!stmt.isEmpty() && !onlyComments(stmt)) {
              done.add(stmt);
            }
            current.setLength(0);
            continue;
          }
          if (c == '\'') {
            state = State.SINGLE;
          } else if (c == '"') {
            state = State.DOUBLE;
          } else if (c == '`') {
            state = State.BACKTICK;
          } else if (c == '-' && next == '-') {
            state = State.LINE_COMMENT;
          } else if (c == '/' && next == '*') {
            state = State.BLOCK_COMMENT;
            current.append(c).append(next);
            i++;
            continue;
          }
        }
        case SINGLE, DOUBLE -> {
          if (c == '\\' && next != '\0') {
            current.append(c).append(next);
            i++;
            continue;
          }
          if ((state == State.SINGLE && c == '\'') || (state == State.DOUBLE && c == '"')) {
            state = State.CODE;
          }
        }
        case BACKTICK -> {
          if (c == '`') {
            state = State.CODE;
          }
        }
        case LINE_COMMENT -> {
          if (c == '\n') {
            state = State.CODE;
          }
        }
        case BLOCK_COMMENT -> {
          if (c == '*' && next == '/') {
            state = State.CODE;
            current.append(c).append(next);
            i++;
            continue;
          }
        }
      }
      current.append(c);
    }
    return done;
  }

  /** True when nothing but blanks and comments is pending. */
  boolean isEmpty() {
    return current.toString().isBlank() || onlyComments(current.toString());
  }

  /** The text after the last complete statement (at end of input: a statement without ';'). */
  String rest() {
    String r = current.toString().strip();
    return onlyComments(r) ? "" : r;
  }

  /** Splits a whole text; a last statement without a semicolon counts too. */
  static List<String> split(String text) {
    StatementSplitter s = new StatementSplitter();
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      out.addAll(s.feed(line));
    }
    if (!s.rest().isEmpty()) {
      out.add(s.rest());
    }
    return out;
  }

  private static boolean onlyComments(String s) {
    String t = s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\n]*", " ");
    return t.isBlank();
  }
}
