package io.moodstream.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * What applying a part of the schema (the Kafka topics, the HBase tables) did, or with a dry run
 * would do: its changes and notes. No changes means it was up to date.
 *
 * @param subject what was applied, the prefix of every line of {@link #describe()}
 */
public record ApplyReport(String subject, List<String> changes, List<String> notes) {
  public ApplyReport {
    changes = List.copyOf(changes);
    notes = List.copyOf(notes);
  }

  public boolean upToDate() {
    return changes.isEmpty();
  }

  /** One line per change and note, then "no changes" when there were none. */
  public String describe() {
    List<String> l = new ArrayList<>();
    changes.forEach(c -> l.add(subject + ": " + c));
    notes.forEach(n -> l.add(subject + ": note: " + n));
    if (changes.isEmpty()) {
      l.add(subject + ": no changes");
    }
    return String.join("\n", l);
  }
}
