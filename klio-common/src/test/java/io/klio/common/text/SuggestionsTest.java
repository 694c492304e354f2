package io.klio.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  @Test
  void distanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    assertThat(Suggestions.distance("abc", "")).isEqualTo(3);
    assertThat(Suggestions.distance("same", "same")).isZero();
    assertThat(Suggestions.distance("dwnsample", "downsample")).isEqualTo(1);
  }

  @Test
  void suggestsTheClosestNameIgnoringCase() {
    assertThat(Suggestions.didYouMean("dwnsample", Set.of("downsample", "beats", "energy")))
        .isEqualTo("; did you mean 'downsample'?");
    assertThat(Suggestions.didYouMean("BEATS", List.of("beats", "energy")))
        .isEqualTo("; did you mean 'beats'?");
  }

  @Test
  void suggestsAllThatAreEquallyClose() {
    assertThat(Suggestions.didYouMean("job-c", List.of("job-b", "job-a", "other")))
        .isEqualTo("; did you mean one of 'job-a', 'job-b'?");
    assertThat(Suggestions.closest("job-c", List.of("job-b", "job-a", "job-b")))
        .containsExactly("job-a", "job-b");
  }

  @Test
  void suggestsNothingWhenNothingIsClose() {
    assertThat(Suggestions.didYouMean("spectrogram", Set.of("beats", "energy"))).isEmpty();
    assertThat(Suggestions.didYouMean("x", Set.of())).isEmpty();
    // short names allow two typos, longer ones a third of their length
    assertThat(Suggestions.closest("ab", Set.of("xy"))).containsExactly("xy");
    assertThat(Suggestions.closest("abc", Set.of("xyz"))).isEmpty();
    assertThat(Suggestions.closest("abcdefghi", Set.of("abcdefxyz"))).containsExactly("abcdefxyz");
  }
}
