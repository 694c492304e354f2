package io.klio.processor.base;

import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/** The no-arg constructor through which the runtime (or Jackson) creates jobs, codecs and beans. */
public final class Constructors {
  private Constructors() {}

  /** The constructor without parameters that {@code type} declares, if any. */
  public static Optional<ExecutableElement> noArg(TypeElement type) {
    return ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
        .filter(constructor -> constructor.getParameters().isEmpty())
        .findFirst();
  }

  public static boolean hasPublicNoArg(TypeElement type) {
    return noArg(type).filter(c -> c.getModifiers().contains(Modifier.PUBLIC)).isPresent();
  }
}
