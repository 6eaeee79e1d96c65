package io.moodstream.rest.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4 and of OpenMetrics 1.0 text, for
 * the tests. The Prometheus Java client 1.10.0 writes both formats but ships no parser, so this is
 * our own; it fails (AssertionError) on anything either specification forbids that a writer could
 * get wrong: a sample before its TYPE, a family declared twice or split, a sample name that does
 * not fit its family's type (counter {@code _total}, histogram {@code _bucket/_sum/_count}), bad
 * names, bad label escapes, duplicate series, negative counters, histogram buckets that are not
 * cumulative or whose {@code +Inf} is not {@code _count}, a UNIT that is not the name's suffix, and
 * a missing or misplaced {@code # EOF} in OpenMetrics.
 */
public final class Exposition {
  public enum Format {
    PROMETHEUS,
    OPENMETRICS
  }

  public record Sample(String name, Map<String, String> labels, double value) {}

  public record Family(String name, String type, String help, String unit, List<Sample> samples) {
    /** The samples named {@code name} whose labels include {@code labels}. */
    public List<Sample> find(String name, Map<String, String> labels) {
      return samples.stream()
          .filter(s -> s.name().equals(name))
          .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
          .toList();
    }

    public double value(String name, Map<String, String> labels) {
      List<Sample> found = find(name, labels);
      assertThat(found).as("%s%s in family %s", name, labels, this.name).hasSize(1);
      return found.get(0).value();
    }
  }

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern META =
      Pattern.compile("# (HELP|TYPE|UNIT) (" + NAME.pattern() + ")(?: (.*))?");

  private Exposition() {}

  public static Map<String, Family> parse(String text, Format format) {
    boolean om = format == Format.OPENMETRICS;
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    assertThat(lines.remove(lines.size() - 1)).as("text ends with a newline").isEmpty();
    if (om) {
      assertThat(lines).as("OpenMetrics ends with # EOF").isNotEmpty();
      assertThat(lines.remove(lines.size() - 1)).isEqualTo("# EOF");
      assertThat(lines).as("one # EOF, at the end").doesNotContain("# EOF");
    } else {
      assertThat(lines).as("no # EOF in the Prometheus format").doesNotContain("# EOF");
    }
    Map<String, Family> families = new LinkedHashMap<>();
    Set<String> closed = new HashSet<>();
    Set<String> series = new HashSet<>();
    String current = null;
    Map<String, String[]> meta = new TreeMap<>(); // name -> {type, help, unit}
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String at = "line " + (i + 1) + ": " + line;
      assertThat(line).as(at).isNotEmpty();
      if (line.startsWith("#")) {
        Matcher m = META.matcher(line);
        assertThat(m.matches()).as("a HELP, TYPE or UNIT line: %s", at).isTrue();
        String kind = m.group(1);
        String name = m.group(2);
        String rest = m.group(3) == null ? "" : m.group(3);
        assertThat(om || !kind.equals("UNIT")).as("UNIT only in OpenMetrics: %s", at).isTrue();
        if (!name.equals(current)) {
          assertThat(closed)
              .as("family %s declared once, contiguous: %s", name, at)
              .doesNotContain(name);
          if (current != null) {
            closed.add(current);
          }
          current = name;
          meta.put(name, new String[3]);
        }
        String[] md = meta.get(name);
        int slot = kind.equals("TYPE") ? 0 : kind.equals("HELP") ? 1 : 2;
        assertThat(md[slot]).as("one %s per family: %s", kind, at).isNull();
        assertThat(families).as("metadata before samples: %s", at).doesNotContainKey(name);
        md[slot] = rest;
        if (kind.equals("TYPE")) {
          List<String> types =
              om
                  ? List.of(
                      "counter",
                      "gauge",
                      "histogram",
                      "gaugehistogram",
                      "summary",
                      "info",
                      "stateset",
                      "unknown")
                  : List.of("counter", "gauge", "histogram", "summary", "untyped");
          assertThat(types).as("a known type: %s", at).contains(rest);
        }
        if (kind.equals("UNIT")) {
          assertThat(name).as("the UNIT is the name's suffix: %s", at).endsWith("_" + rest);
        }
        continue;
      }
      Sample s = sample(line, at, om);
      assertThat(current).as("a sample after its family's TYPE: %s", at).isNotNull();
      String fam = current;
      String[] md = meta.get(fam);
      assertThat(md[0]).as("family %s has a TYPE: %s", fam, at).isNotNull();
      assertThat(suffixes(md[0], om))
          .as("sample %s fits %s family %s: %s", s.name(), md[0], fam, at)
          .anyMatch(suffix -> s.name().equals(fam + suffix));
      if (md[0].equals("counter")) {
        assertThat(s.value()).as("counters are >= 0: %s", at).isGreaterThanOrEqualTo(0);
      }
      if (s.name().endsWith("_bucket") && md[0].endsWith("histogram")) {
        assertThat(s.labels()).as("a bucket has le: %s", at).containsKey("le");
      }
      assertThat(series.add(s.name() + s.labels())).as("series given once: %s", at).isTrue();
      families
          .computeIfAbsent(fam, n -> new Family(n, md[0], md[1], md[2], new ArrayList<>()))
          .samples()
          .add(s);
    }
    meta.forEach(
        (name, md) -> {
          if (!families.containsKey(name)) {
            families.put(name, new Family(name, md[0], md[1], md[2], new ArrayList<>()));
          }
        });
    for (Family f : families.values()) {
      if (f.type() != null && f.type().equals("histogram")) {
        checkHistogram(f);
      }
    }
    return families;
  }

  private static List<String> suffixes(String type, boolean om) {
    return switch (type) {
      case "counter" -> om ? List.of("_total", "_created") : List.of("");
      case "histogram", "gaugehistogram" ->
          om
              ? List.of("_bucket", "_sum", "_count", "_created", "_gcount", "_gsum")
              : List.of("_bucket", "_sum", "_count");
      case "summary" ->
          om ? List.of("", "_sum", "_count", "_created") : List.of("", "_sum", "_count");
      case "info" -> List.of("_info");
      default -> List.of("");
    };
  }

  private static void checkHistogram(Family f) {
    Map<Map<String, String>, TreeMap<Double, Double>> buckets = new LinkedHashMap<>();
    Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
    for (Sample s : f.samples()) {
      Map<String, String> key = new TreeMap<>(s.labels());
      if (s.name().endsWith("_bucket")) {
        String le = key.remove("le");
        buckets
            .computeIfAbsent(key, k -> new TreeMap<>())
            .put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), s.value());
      } else if (s.name().endsWith("_count")) {
        counts.put(key, s.value());
      }
    }
    buckets.forEach(
        (labels, b) -> {
          double previous = 0;
          for (double v : b.values()) {
            assertThat(v)
                .as("%s%s buckets are cumulative", f.name(), labels)
                .isGreaterThanOrEqualTo(previous);
            previous = v;
          }
          assertThat(b)
              .as("%s%s has a +Inf bucket", f.name(), labels)
              .containsKey(Double.POSITIVE_INFINITY);
          assertThat(counts.get(labels))
              .as("%s%s _count equals the +Inf bucket", f.name(), labels)
              .isEqualTo(b.get(Double.POSITIVE_INFINITY));
        });
  }

  private static Sample sample(String line, String at, boolean om) {
    Matcher m = NAME.matcher(line);
    assertThat(m.lookingAt()).as("a metric name: %s", at).isTrue();
    String name = m.group();
    int i = m.end();
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        Matcher l = LABEL.matcher(line).region(i, line.length());
        assertThat(l.lookingAt()).as("a label name: %s", at).isTrue();
        String label = l.group();
        i = l.end();
        assertThat(line.substring(i, i + 2)).as("=\" after %s: %s", label, at).isEqualTo("=\"");
        i += 2;
        StringBuilder v = new StringBuilder();
        while (line.charAt(i) != '"') {
          char c = line.charAt(i);
          if (c == '\\') {
            char e = line.charAt(++i);
            assertThat("\\\"n").as("escape \\%s: %s", e, at).contains(String.valueOf(e));
            v.append(e == 'n' ? '\n' : e);
          } else {
            v.append(c);
          }
          i++;
        }
        i++;
        assertThat(labels.put(label, v.toString())).as("label %s once: %s", label, at).isNull();
        if (line.charAt(i) == ',') {
          i++;
          if (!om && line.charAt(i) == '}') {
            break; // a trailing comma is allowed in the Prometheus format
          }
        } else {
          assertThat(line.charAt(i)).as("',' or '}': %s", at).isEqualTo('}');
        }
      }
      i++;
    }
    assertThat(line.charAt(i)).as("one space before the value: %s", at).isEqualTo(' ');
    String[] rest = line.substring(i + 1).split(" ", -1);
    assertThat(rest.length).as("value [timestamp]: %s", at).isBetween(1, 2);
    return new Sample(name, labels, value(rest[0], at));
  }

  private static double value(String v, String at) {
    return switch (v) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        assertThat(v).as("a number: %s", at).matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
        yield Double.parseDouble(v);
      }
    };
  }
}
