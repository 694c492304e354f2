package io.klio.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LocationsTest {
  @Test
  void rendersIdAndVariables() {
    assertThat(Locations.render("${data}/beats/{id}.json", "track-1", Map.of("data", "gs://b/x")))
        .isEqualTo("gs://b/x/beats/track-1.json");
    assertThat(Locations.variables("${a}/{id}/${b.c}")).containsExactly("a", "b.c");
  }

  @Test
  void missingVariableSaysHowToDefineIt() {
    assertThatThrownBy(() -> Locations.render("${data}/{id}", "x", Map.of()))
        .isInstanceOf(MissingVariableException.class)
        .hasMessageContaining("--var data=VALUE");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "..", "../etc/passwd", "a/b", "a\\b", ".hidden", "gs:x", "~root", "a*", "a?", "[a]",
        "{id}", "a b", "a\tb", "a\u0000b", "a\nb"
      })
  void rejectsIdsThatCouldEscapeTheirLocation(String id) {
    assertThatThrownBy(() -> Locations.render("/data/{id}.wav", id, Map.of()))
        .isInstanceOf(UnsafeElementIdException.class)
        .hasMessageStartingWith("unsafe element id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"track-0001", "4uLU6hMCjMI75M1A2tKUQC", "a.b", "x_y-z", "élément"})
  void acceptsOrdinaryIds(String id) {
    assertThat(Locations.render("/data/{id}.wav", id, Map.of())).isEqualTo("/data/" + id + ".wav");
  }
}
