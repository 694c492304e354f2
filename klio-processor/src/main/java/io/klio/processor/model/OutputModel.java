package io.klio.processor.model;

import io.klio.processor.base.Annotations;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.type.TypeMirror;

/** A job's {@code @Output}: where the returned value of {@code type} is stored. */
public record OutputModel(String location, TypeMirror type, AnnotationMirror annotation) {
  public AnnotationValue locationValue() {
    return Annotations.explicit(annotation, "location").orElse(null);
  }
}
