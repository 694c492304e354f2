package io.klio.processor.base;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** Reads annotation values through mirrors, so that the processor needs no annotation classes. */
public final class Annotations {
  private Annotations() {}

  public static Optional<AnnotationMirror> find(Element element, String annotationName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(annotationName)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /** The value written explicitly in the source, if any (defaults are not included). */
  public static Optional<AnnotationValue> explicit(AnnotationMirror mirror, String member) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(member)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  public static String string(AnnotationMirror mirror, String member) {
    return explicit(mirror, member).map(v -> String.valueOf(v.getValue())).orElse("");
  }

  /** A {@code String[]} member; a single value written without braces counts as one element. */
  public static List<String> strings(AnnotationMirror mirror, String member) {
    List<String> out = new ArrayList<>();
    explicit(mirror, member)
        .ifPresent(
            v -> {
              if (v.getValue() instanceof List<?> list) {
                for (Object item : list) {
                  out.add(String.valueOf(((AnnotationValue) item).getValue()));
                }
              } else {
                out.add(String.valueOf(v.getValue()));
              }
            });
    return out;
  }

  /** An annotation-array member, such as a container annotation's {@code value}. */
  public static List<AnnotationMirror> mirrors(AnnotationMirror mirror, String member) {
    List<AnnotationMirror> out = new ArrayList<>();
    explicit(mirror, member)
        .ifPresent(
            v -> {
              if (v.getValue() instanceof List<?> list) {
                for (Object item : list) {
                  out.add((AnnotationMirror) ((AnnotationValue) item).getValue());
                }
              } else if (v.getValue() instanceof AnnotationMirror single) {
                out.add(single);
              }
            });
    return out;
  }

  /**
   * The annotation value for the {@code index}-th element of an array member, for precise carets.
   */
  public static AnnotationValue element(AnnotationValue arrayValue, int index) {
    if (arrayValue != null
        && arrayValue.getValue() instanceof List<?> list
        && index < list.size()) {
      return (AnnotationValue) list.get(index);
    }
    return arrayValue;
  }
}
