package io.klio.processor.model;

import io.klio.processor.base.Annotations;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/** One parameter of a job method: an input, the element id, or (an error) neither. */
public record Parameter(
    VariableElement element, Role role, String from, String location, AnnotationMirror annotation) {

  public enum Role {
    INPUT,
    ELEMENT_ID,
    UNANNOTATED
  }

  public String name() {
    return element.getSimpleName().toString();
  }

  public TypeMirror type() {
    return element.asType();
  }

  public boolean hasFrom() {
    return !from.isEmpty();
  }

  public boolean hasLocation() {
    return !location.isEmpty();
  }

  public AnnotationValue fromValue() {
    return annotation == null ? null : Annotations.explicit(annotation, "from").orElse(null);
  }

  public AnnotationValue locationValue() {
    return annotation == null ? null : Annotations.explicit(annotation, "location").orElse(null);
  }
}
