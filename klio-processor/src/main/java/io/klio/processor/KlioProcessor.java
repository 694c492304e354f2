package io.klio.processor;

import com.google.auto.service.AutoService;
import io.klio.processor.base.Message;
import io.klio.processor.base.Names;
import io.klio.processor.base.Reporter;
import io.klio.processor.base.Reporter.Site;
import io.klio.processor.scanning.LocalElements;
import io.klio.processor.validation.PlacementValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The Klio annotation processor: reads every {@code @KlioJob} of the compilation and of the
 * classpath, checks the whole DAG, and only if all is well generates each job's Beam composite,
 * manifest and index entries.
 *
 * <p>All jobs are declared in source, so the work happens in the first round that sees any Klio
 * job or codec; later rounds only see generated code.
 */
@AutoService(Processor.class)
public final class KlioProcessor extends AbstractProcessor {
  private static final List<String> PLACED = List.of(Names.INPUT, Names.ELEMENT_ID, Names.OUTPUT);

  private final LocalElements local = new LocalElements();
  private Reporter reporter;
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
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    reporter = new Reporter(env.getMessager()); // one for all rounds: errors count across them
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (done) {
      return false;
    }
    Elements elements = processingEnv.getElementUtils();
    List<ExecutableElement> jobs = List.of();
    List<TypeElement> codecs = List.of();
    try {
      checkPlacement(annotations, round);
      local.add(annotations, round);
      jobs = local.jobMethods(elements);
      codecs = local.codecClasses(elements);
      if (local.isEmpty()) {
        return false;
      }
      done = true;
      new CompilationStep(processingEnv, reporter).run(jobs, codecs, local.topLevelTypes());
    } catch (RuntimeException e) {
      // Never let an exception trace reach the user; point at the first local job or codec.
      List<Element> all = new ArrayList<>(jobs);
      all.addAll(codecs);
      Element where = all.isEmpty() ? null : all.get(0);
      Object what = where == null ? "this compilation" : where;
      reporter.error(Site.of(where), Message.INTERNAL, what, e);
    }
    return false;
  }

  /** {@code @Input}, {@code @ElementId} and {@code @Output} need no types: checked as they come. */
  private void checkPlacement(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    PlacementValidator validator = new PlacementValidator(reporter);
    for (TypeElement annotation : annotations) {
      String name = annotation.getQualifiedName().toString();
      if (PLACED.contains(name)) {
        validator.validate(name, round.getElementsAnnotatedWith(annotation));
      }
    }
  }
}
