package io.klio.processor.scanning;

import io.klio.processor.base.Annotations;
import io.klio.processor.base.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The {@code @KlioJob} methods and {@code @KlioCodec} classes of this compilation, gathered over
 * the rounds, and the top-level types of every round. Each is pending until a round processes it;
 * another processor may write jobs and codecs in any round, so later rounds may bring more.
 *
 * <p>Elements are remembered by name, never as objects: javac may replace them between rounds, so
 * each round reads them again through {@link Elements}.
 */
public final class LocalElements {
  private final Set<MethodName> jobs = new LinkedHashSet<>();
  private final Set<MethodName> processedJobs = new LinkedHashSet<>();
  private final Set<String> codecs = new LinkedHashSet<>();
  private final Set<String> processedCodecs = new LinkedHashSet<>();
  private final Set<String> topLevelTypes = new TreeSet<>();

  /** Remembers the round's root types, job methods and codec classes. */
  public void add(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
      topLevelTypes.add(type.getQualifiedName().toString());
    }
    for (TypeElement annotation : annotations) {
      String name = annotation.getQualifiedName().toString();
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        if (name.equals(Names.KLIO_JOB) && element.getKind() == ElementKind.METHOD) {
          TypeElement owner = (TypeElement) element.getEnclosingElement();
          String ownerName = owner.getQualifiedName().toString();
          jobs.add(new MethodName(ownerName, element.getSimpleName().toString()));
        } else if (name.equals(Names.KLIO_CODEC) && element instanceof TypeElement codec) {
          codecs.add(codec.getQualifiedName().toString());
        }
      }
    }
  }

  /** Whether some job or codec has not been processed yet. */
  public boolean hasPending() {
    return !processedJobs.containsAll(jobs) || !processedCodecs.containsAll(codecs);
  }

  /** Marks every job and codec gathered so far as processed. */
  public void markProcessed() {
    processedJobs.addAll(jobs);
    processedCodecs.addAll(codecs);
  }

  /** The pending jobs and codecs and the processed ones, read afresh in the current round. */
  public Batch batch(Elements elements) {
    Set<MethodName> pendingJobs = new LinkedHashSet<>(jobs);
    pendingJobs.removeAll(processedJobs);
    Set<String> pendingCodecs = new LinkedHashSet<>(codecs);
    pendingCodecs.removeAll(processedCodecs);
    return new Batch(
        jobMethods(elements, pendingJobs),
        codecClasses(elements, pendingCodecs),
        jobMethods(elements, processedJobs),
        codecClasses(elements, processedCodecs),
        new TreeSet<>(topLevelTypes));
  }

  /**
   * What a round processes: the pending jobs and codecs, checked against the processed ones of
   * earlier rounds (which they may refer to, and which are not generated again).
   *
   * @param topLevelTypes qualified names of the top-level types of every round so far (sources and
   *     generated)
   */
  public record Batch(
      List<ExecutableElement> jobs,
      List<TypeElement> codecs,
      List<ExecutableElement> earlierJobs,
      List<TypeElement> earlierCodecs,
      Set<String> topLevelTypes) {}

  /** The job methods, read afresh in the current round; each class's methods are listed once. */
  private static List<ExecutableElement> jobMethods(Elements elements, Set<MethodName> names) {
    Map<String, Map<String, List<ExecutableElement>>> owners = new HashMap<>();
    List<ExecutableElement> out = new ArrayList<>();
    for (MethodName job : names) {
      Map<String, List<ExecutableElement>> methods =
          owners.computeIfAbsent(job.owner(), owner -> jobMethodsByName(elements, owner));
      out.addAll(methods.getOrDefault(job.method(), List.of()));
    }
    return out;
  }

  /** The {@code @KlioJob} methods of a class by simple name; none if the class is gone. */
  private static Map<String, List<ExecutableElement>> jobMethodsByName(
      Elements elements, String ownerName) {
    TypeElement owner = elements.getTypeElement(ownerName);
    if (owner == null) {
      return Map.of();
    }
    Map<String, List<ExecutableElement>> byName = new HashMap<>();
    for (ExecutableElement method : ElementFilter.methodsIn(owner.getEnclosedElements())) {
      if (Annotations.find(method, Names.KLIO_JOB).isPresent()) {
        byName
            .computeIfAbsent(method.getSimpleName().toString(), n -> new ArrayList<>())
            .add(method);
      }
    }
    return byName;
  }

  /** The codec classes, read afresh in the current round. */
  private static List<TypeElement> codecClasses(Elements elements, Set<String> names) {
    List<TypeElement> out = new ArrayList<>();
    for (String codec : names) {
      TypeElement type = elements.getTypeElement(codec);
      if (type != null) {
        out.add(type);
      }
    }
    return out;
  }

  /** A method by its owner's qualified name and its simple name (overloads share a name). */
  private record MethodName(String owner, String method) {}
}
