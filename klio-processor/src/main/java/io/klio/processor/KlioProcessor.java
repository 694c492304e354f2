package io.klio.processor;

import com.google.auto.service.AutoService;
import io.klio.processor.base.Message;
import io.klio.processor.base.Names;
import io.klio.processor.base.Reporter;
import io.klio.processor.base.Reporter.Site;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * The Klio annotation processor: reads every {@code @KlioJob} of the compilation and of the
 * classpath, checks the whole DAG, and only if all is well generates each job's Beam composite,
 * manifest and index entries.
 *
 * <p>All jobs are declared in source, so the work happens in the first round that sees any Klio
 * annotation; later rounds only see generated code.
 */
@AutoService(Processor.class)
public final class KlioProcessor extends AbstractProcessor {
  private boolean done;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(Names.KLIO_JOB, Names.INPUT, Names.OUTPUT, Names.ELEMENT_ID, Names.KLIO_CODEC);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (done || round.processingOver() || annotations.isEmpty()) {
      return false;
    }
    done = true;
    Reporter reporter = new Reporter(processingEnv.getMessager());
    try {
      new CompilationStep(processingEnv, reporter).run(annotations, round);
    } catch (RuntimeException e) {
      // Never let an exception trace reach the user; point at the first annotated element.
      Element where = round
              .getElementsAnnotatedWithAny(annotations.toArray(new TypeElement[0]))
              .iterator()
              .next();
      reporter.error(Site.of(where), Message.INTERNAL, where, e);
    }
    return false;
  }
}
