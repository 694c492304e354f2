package io.klio.testing.words;

import io.klio.annotations.ElementId;
import io.klio.annotations.Input;
import io.klio.annotations.KlioJob;
import io.klio.annotations.Output;
import java.util.Arrays;
import java.util.Comparator;

/** Two jobs to test the kit with: a root job over text files, and a child. */
public final class WordJobs {
  private WordJobs() {}

  @KlioJob(name = "count-words")
  @Output(location = "${data}/counts/{id}.json")
  public static WordCount countWords(
      @ElementId String id, @Input(location = "${data}/text/{id}.txt") String text) {
    String[] words = text.trim().split("\\s+");
    if (text.isBlank()) {
      throw new IllegalArgumentException("no words in '" + id + "'");
    }
    String longest =
        Arrays.stream(words).max(Comparator.comparingInt(String::length)).orElseThrow();
    return new WordCount(words.length, longest);
  }

  @KlioJob(name = "shout", parents = "count-words")
  @Output(location = "${data}/shouts/{id}.txt")
  public static String shout(@Input WordCount count) {
    return count.longest().toUpperCase(java.util.Locale.ROOT) + " x" + count.words();
  }
}
