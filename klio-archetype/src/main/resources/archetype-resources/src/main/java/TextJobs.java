#set( $symbol_dollar = '$' )
package ${package};

import io.klio.annotations.ElementId;
import io.klio.annotations.Input;
import io.klio.annotations.KlioJob;
import io.klio.annotations.Output;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/** Two jobs: word-count reads a text file per id, headline reads word-count's result. */
public final class TextJobs {
  private TextJobs() {}

  /** How many words a text has, and its longest. */
  public record WordCount(int words, String longest) {}

  @KlioJob(name = "word-count")
  @Output(location = "${symbol_dollar}{data}/counts/{id}.json")
  public static WordCount wordCount(
      @ElementId String id, @Input(location = "${symbol_dollar}{data}/in/{id}.txt") String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("no words in " + id);
    }
    String[] words = text.trim().split("\\s+");
    String longest =
        Arrays.stream(words).max(Comparator.comparingInt(String::length)).orElseThrow();
    return new WordCount(words.length, longest);
  }

  @KlioJob(name = "headline", parents = "word-count")
  @Output(location = "${symbol_dollar}{data}/headlines/{id}.txt")
  public static String headline(@Input WordCount count) {
    return count.longest().toUpperCase(Locale.ROOT) + " (" + count.words() + " words)";
  }
}
