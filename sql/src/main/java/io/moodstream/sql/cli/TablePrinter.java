package io.moodstream.sql.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * An aligned table for a terminal, psql style: numbers right-aligned, cells longer than {@code
 * width} columns cut with an ellipsis, line breaks shown as ↵, wide characters counted twice.
 */
final class TablePrinter {
  private TablePrinter() {}

  static void print(StructType schema, List<Row> rows, int width, PrintStream out) {
    int n = schema.fields().length;
    if (n == 0) {
      return;
    }
    boolean[] right = new boolean[n];
    String[] header = new String[n];
    int[] w = new int[n];
    for (int i = 0; i < n; i++) {
      right[i] = schema.fields()[i].dataType() instanceof NumericType; // DecimalType is one too
      header[i] = DisplayWidth.truncate(schema.fields()[i].name(), width);
      w[i] = DisplayWidth.of(header[i]);
    }
    List<String[]> cells = new ArrayList<>(rows.size());
    for (Row r : rows) {
      String[] c = new String[n];
      for (int i = 0; i < n; i++) {
        c[i] = DisplayWidth.truncate(Cells.display(r.get(i)), width);
        w[i] = Math.max(w[i], DisplayWidth.of(c[i]));
      }
      cells.add(c);
    }
    StringBuilder b = new StringBuilder();
    line(b, header, w, new boolean[n]);
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "-" : "+-").append("-".repeat(w[i])).append('-');
    }
    b.append('\n');
    for (String[] c : cells) {
      line(b, c, w, right);
    }
    out.print(b);
    out.flush();
  }

  private static void line(StringBuilder b, String[] c, int[] w, boolean[] right) {
    for (int i = 0; i < c.length; i++) {
      b.append(i == 0 ? " " : "| ");
      String pad = " ".repeat(w[i] - DisplayWidth.of(c[i]));
      if (right[i]) {
        b.append(pad).append(c[i]);
      } else {
        b.append(c[i]);
        if (i < c.length - 1) {
          b.append(pad);
        }
      }
      b.append(i < c.length - 1 ? " " : "");
    }
    b.append('\n');
  }
}
