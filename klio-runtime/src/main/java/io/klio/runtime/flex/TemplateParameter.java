package io.klio.runtime.flex;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One parameter of a Flex Template, with the fields of Dataflow's template metadata ({@code
 * ParameterMetadata}): name, label, help text, whether it is optional, its input type in the
 * console ({@code paramType}) and the regexes its value must match.
 */
public record TemplateParameter(
    String name,
    String label,
    String helpText,
    boolean optional,
    String paramType,
    List<String> regexes) {

  public TemplateParameter {
    regexes = List.copyOf(regexes);
  }

  ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("name", name);
    json.put("label", label);
    json.put("helpText", helpText);
    json.put("isOptional", optional);
    json.put("paramType", paramType);
    if (!regexes.isEmpty()) {
      regexes.forEach(json.putArray("regexes")::add);
    }
    return json;
  }
}
