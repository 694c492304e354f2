package io.klio.common.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.klio.common.template.LocationTemplate.Id;
import io.klio.common.template.LocationTemplate.Literal;
import io.klio.common.template.LocationTemplate.Variable;
import io.klio.common.template.TemplateVectors.Vector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LocationTemplateTest {
  static List<Vector> renderings() {
    return TemplateVectors.renderings();
  }

  static List<Vector> malformed() {
    return TemplateVectors.malformed();
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void rendersTheVectors(Vector vector) {
    LocationTemplate template = LocationTemplate.parse(vector.template());
    assertThat(template.render(vector.id(), vector.variables())).isEqualTo(vector.rendering());
    assertThat(template.variables()).containsExactlyElementsOf(vector.variables().keySet());
    assertThat(template.hasId()).isEqualTo(vector.template().contains("{id}"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void rejectsTheVectorsWithReasonAndColumn(Vector vector) {
    assertThatThrownBy(() -> LocationTemplate.parse(vector.template()))
        .asInstanceOf(type(MalformedTemplateException.class))
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo(vector.reason());
              assertThat(e.column()).isEqualTo(vector.column());
              assertThat(e.template()).isEqualTo(vector.template());
              assertThat(e.getMessage())
                  .isEqualTo("malformed template '" + vector.template() + "': " + vector.reason());
            });
  }

  @Test
  void theVectorsCoverBothOutcomes() {
    assertThat(renderings()).hasSizeGreaterThan(10);
    assertThat(malformed()).hasSizeGreaterThan(10);
  }

  @Test
  void partsKeepLiteralTextWhole() {
    assertThat(LocationTemplate.parse("gs://b/${data}/x/{id}.json").parts())
        .containsExactly(
            new Literal("gs://b/"),
            new Variable("data"),
            new Literal("/x/"),
            new Id(),
            new Literal(".json"));
  }

  @Test
  void rendersTellWhereEachIdStarts() {
    List<Integer> offsets = new ArrayList<>();
    String rendered =
        LocationTemplate.parse("${d}/{id}/{id}.wav")
            .render("ab", Map.of("d", "xyz")::get, offsets::add);
    assertThat(rendered).isEqualTo("xyz/ab/ab.wav");
    assertThat(offsets).containsExactly(4, 7);
  }

  @Test
  void aVariableWithoutValueIsNamed() {
    assertThatThrownBy(() -> LocationTemplate.parse("${data}/{id}").render("x", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("variable '${data}' in '${data}/{id}' has no value");
  }

  @Test
  void beforeIdIsWhatEveryElementsLocationStartsWith() {
    assertThat(
            LocationTemplate.parse("${d}/beats/{id}/x{id}")
                .beforeId()
                .render("-", Map.of("d", "/mnt")))
        .isEqualTo("/mnt/beats/");
    assertThat(LocationTemplate.parse("${d}/all.wav").beforeId().render("-", Map.of("d", "/m")))
        .isEqualTo("/m/all.wav");
  }

  @Test
  void variablesOnlyTextLeavesBracesAndLoneDollarsAlone() {
    LocationTemplate text = LocationTemplate.parseVariablesOnly("{\"a\": \"${x}\"} $5 {id} }");
    assertThat(text.render(null, Map.of("x", "1"))).isEqualTo("{\"a\": \"1\"} $5 {id} }");
    assertThat(text.variables()).containsExactly("x");
    assertThat(text.hasId()).isFalse();
    assertThat(LocationTemplate.parseVariablesOnly("").parts()).isEmpty();
  }

  @Test
  void variablesOnlyTextStillRejectsABrokenVariable() {
    assertThatThrownBy(() -> LocationTemplate.parseVariablesOnly("x ${data/y"))
        .isInstanceOf(MalformedTemplateException.class)
        .hasMessage("malformed template 'x ${data/y': '${' at column 3 has no closing '}'");
    assertThatThrownBy(() -> LocationTemplate.parseVariablesOnly("${a b}"))
        .hasMessageContaining("'${a b}' at column 1 is not a variable name");
  }

  @Test
  void variableNames() {
    assertThat(LocationTemplate.isVariableName("data")).isTrue();
    assertThat(LocationTemplate.isVariableName("_a.b-c9")).isTrue();
    assertThat(LocationTemplate.isVariableName("9a")).isFalse();
    assertThat(LocationTemplate.isVariableName("")).isFalse();
    assertThat(LocationTemplate.isVariableName("a b")).isFalse();
  }
}
