package io.klio.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Stands for any other annotation processor of a build: in the first round that has its annotation,
 * it writes one source file, which javac compiles in the next round.
 */
final class OtherProcessor extends AbstractProcessor {
  private final String annotation;
  private final String className;
  private final String source;
  private boolean written;

  /** Writes {@code source} as {@code className} when {@code annotation} is present. */
  OtherProcessor(String annotation, String className, String source) {
    this.annotation = annotation;
    this.className = className;
    this.source = source;
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(annotation);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (written || annotations.isEmpty()) {
      return false;
    }
    written = true;
    try (Writer out = processingEnv.getFiler().createSourceFile(className).openWriter()) {
      out.write(source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return false;
  }
}
