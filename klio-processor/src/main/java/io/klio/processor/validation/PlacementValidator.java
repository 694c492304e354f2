package io.klio.processor.validation;

import io.klio.processor.base.Annotations;
import io.klio.processor.base.Message;
import io.klio.processor.base.Names;
import io.klio.processor.base.Reporter;
import io.klio.processor.base.Reporter.Site;
import java.util.Collection;
import javax.lang.model.element.Element;

/**
 * {@code @Input}, {@code @ElementId} and {@code @Output} do nothing outside a job method. Needs no
 * types, so it runs on each round's elements as they come.
 */
public final class PlacementValidator {
  private final Reporter reporter;

  public PlacementValidator(Reporter reporter) {
    this.reporter = reporter;
  }

  /** Checks the elements that carry {@code annotation}, one of the three above. */
  public void validate(String annotation, Collection<? extends Element> annotated) {
    for (Element element : annotated) {
      boolean onParameter = !annotation.equals(Names.OUTPUT);
      Element method = onParameter ? element.getEnclosingElement() : element;
      if (Annotations.find(method, Names.KLIO_JOB).isPresent()) {
        continue;
      }
      reporter.error(
          Site.of(element, Annotations.find(element, annotation).orElse(null)),
          Message.MISPLACED,
          simpleName(annotation),
          onParameter
              ? "parameter '" + element.getSimpleName() + "' of " + describe(method)
              : describe(method),
          onParameter ? "parameters of @KlioJob methods" : "@KlioJob methods");
    }
  }

  private static String describe(Element method) {
    return method.getEnclosingElement() + "#" + method.getSimpleName();
  }

  private static String simpleName(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }
}
