package io.klio.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.klio.common.template.MalformedTemplateException;
import io.klio.common.template.TemplateVectors;
import io.klio.common.template.TemplateVectors.Vector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LocationsTest {
  static List<Vector> renderings() {
    return TemplateVectors.renderings();
  }

  static List<Vector> malformed() {
    return TemplateVectors.malformed();
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void rendersTheTemplateVectors(Vector vector) {
    assertThat(Locations.render(vector.template(), vector.id(), vector.variables()))
        .isEqualTo(vector.rendering());
    assertThat(Locations.variables(vector.template()))
        .containsExactlyInAnyOrderElementsOf(vector.variables().keySet());
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void rejectsTheMalformedTemplateVectors(Vector vector) {
    assertThatThrownBy(() -> Locations.render(vector.template(), vector.id(), vector.variables()))
        .asInstanceOf(type(MalformedTemplateException.class))
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo(vector.reason());
              assertThat(e.column()).isEqualTo(vector.column());
            });
  }

  @Test
  void theDirectoryIsWhatEveryElementsLocationStartsWith() {
    Map<String, String> data = Map.of("data", "/mnt");
    assertThat(Locations.directory("${data}/beats/{id}.json", data)).isEqualTo("/mnt/beats/");
    assertThat(Locations.directory("${data}/beats/x-{id}/{id}.json", data))
        .isEqualTo("/mnt/beats/");
    assertThat(Locations.directory("${data}/all/beats.json", data)).isEqualTo("/mnt/all/");
    assertThatThrownBy(() -> Locations.directory("${nope}/{id}", data))
        .isInstanceOf(MissingVariableException.class);
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
        "",
        "..",
        "../etc/passwd",
        "a/b",
        "a\\b",
        ".hidden",
        "gs:x",
        "~root",
        "a*",
        "a?",
        "[a]",
        "{id}",
        "a b",
        "a\tb",
        "a\u0000b",
        "a\nb",
        "\ud800",
        "a\udc00b",
        "\u3000",
        "\u0085"
      })
  void rejectsIdsThatCouldEscapeTheirLocation(String id) {
    assertThatThrownBy(() -> Locations.render("/data/{id}.wav", id, Map.of()))
        .isInstanceOf(UnsafeElementIdException.class)
        .hasMessageStartingWith("unsafe element id");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "track-0001",
        "4uLU6hMCjMI75M1A2tKUQC",
        "a.b",
        "x_y-z",
        "élément",
        "\u2215etc\u2215x",
        "\uff0e\uff0e",
        "\u2024\u2024",
        "\ud83c\udfb5",
        "%2e%2e",
        "a#b"
      })
  void acceptsOrdinaryIds(String id) {
    assertThat(Locations.render("/data/{id}.wav", id, Map.of())).isEqualTo("/data/" + id + ".wav");
  }

  @Test
  void noIdMakesAnOutputOfTheNameOfTheRecordsDirectory() {
    // ids that start with '.' are refused anyway; a template can still put the dot before the id
    assertThatThrownBy(() -> Locations.render("/data/x/.{id}", "klio", Map.of()))
        .isInstanceOf(UnsafeElementIdException.class)
        .hasMessageContaining("would be .klio, the directory of the provenance records");
    assertThat(Locations.render("/data/x/.{id}", "klio2", Map.of())).isEqualTo("/data/x/.klio2");
  }

  @Test
  void idsLongerThanAFileNameAreRejectedWithTheirLength() {
    for (String id : List.of("x".repeat(256), "é".repeat(128), "x".repeat(10_240))) {
      assertThatThrownBy(() -> Locations.checkElementId(id))
          .isInstanceOf(UnsafeElementIdException.class)
          .hasMessageContaining("bytes in UTF-8, longer than the 255 a file name can have");
    }
    String longest = "x".repeat(251);
    assertThat(Locations.render("/data/{id}.wav", longest, Map.of())).endsWith(longest + ".wav");
  }

  @Test
  void anIdWhoseFileNameWouldBeTooLongIsRejected() {
    String id = "x".repeat(250);
    assertThatThrownBy(() -> Locations.render("${d}/{id}-spectrogram.png/x", id, Map.of("d", "/a")))
        .isInstanceOf(UnsafeElementIdException.class)
        .hasMessageContaining("its file name in '${d}/{id}-spectrogram.png/x' would be 266 bytes");
  }

  @Test
  void inAFileUriAnIdIsPercentEncodedSoThatItNamesOneFileLiterally() {
    assertThat(Locations.render("${d}/{id}.json", "a%2Fb#c\u2215.x", Map.of("d", "file:///data")))
        .isEqualTo("file:///data/a%252Fb%23c%E2%88%95.x.json");
    assertThat(Locations.render("${d}/{id}.json", "a%2Fb", Map.of("d", "/data")))
        .isEqualTo("/data/a%2Fb.json");
  }
}
