package io.moodstream.sentiment.cli;

import io.moodstream.sentiment.SentimentScorer;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;

/**
 * {@code ./moodstream score [--tsv --column N] [FILE...]}: scores texts with VADER. See {@link
 * ScoreOptions.Line} or {@code --help}.
 */
public final class ScoreMain {

  private ScoreMain() {}

  public static void main(String[] args) {
    ScoreCommand command =
        new ScoreCommand(
            SentimentScorer.standard(),
            new FileInputStream(FileDescriptor.in),
            new FileOutputStream(FileDescriptor.out),
            System.err,
            System.console() != null,
            System::nanoTime);
    System.exit(command.run(args));
  }
}
