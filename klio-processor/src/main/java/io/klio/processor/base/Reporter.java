package io.klio.processor.base;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Prints errors (and warnings and notes) at the element, annotation or annotation value at fault,
 * and counts the errors.
 */
public final class Reporter {
  private final Messager messager;
  private int errorCount;

  public Reporter(Messager messager) {
    this.messager = messager;
  }

  public void error(Site site, Message message, Object... args) {
    errorCount++;
    messager.printMessage(
        Diagnostic.Kind.ERROR, message.format(args), site.element(), site.mirror(), site.value());
  }

  /** A warning: printed, not counted, so it stops no generation. */
  public void warning(Site site, Message message, Object... args) {
    messager.printMessage(
        Diagnostic.Kind.WARNING, message.format(args), site.element(), site.mirror(), site.value());
  }

  /** A note: printed, not counted, and unlike a warning harmless under {@code -Werror}. */
  public void note(Site site, Message message, Object... args) {
    messager.printMessage(
        Diagnostic.Kind.NOTE, message.format(args), site.element(), site.mirror(), site.value());
  }

  public int errorCount() {
    return errorCount;
  }

  /** Where a diagnostic points: an element, optionally narrowed to an annotation and its value. */
  public record Site(Element element, AnnotationMirror mirror, AnnotationValue value) {
    public static Site of(Element element) {
      return new Site(element, null, null);
    }

    public static Site of(Element element, AnnotationMirror mirror) {
      return new Site(element, mirror, null);
    }
  }
}
