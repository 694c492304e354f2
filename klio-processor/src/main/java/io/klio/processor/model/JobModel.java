package io.klio.processor.model;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * One job as declared: read from a method in this compilation ({@link #local()}) or from a method
 * compiled into a jar on the classpath. Holds what the annotations say, unchecked; {@code version}
 * is the annotation's {@code version}, empty if not given.
 */
public record JobModel(
    String name,
    boolean nameDerived,
    List<String> parents,
    String version,
    List<Parameter> parameters,
    Optional<OutputModel> output,
    ExecutableElement method,
    TypeElement owner,
    AnnotationMirror jobAnnotation,
    boolean local) {

  public List<Parameter> inputs() {
    return parameters.stream().filter(p -> p.role() == Parameter.Role.INPUT).toList();
  }

  public boolean isRoot() {
    return parents.isEmpty();
  }

  /** Where the annotation's {@code parents} value is, for error carets; null if not written. */
  public AnnotationValue parentsValue() {
    return io.klio.processor.base.Annotations.explicit(jobAnnotation, "parents").orElse(null);
  }

  /** Where the annotation's {@code name} value is; null if the name is derived. */
  public AnnotationValue nameValue() {
    return io.klio.processor.base.Annotations.explicit(jobAnnotation, "name").orElse(null);
  }
}
