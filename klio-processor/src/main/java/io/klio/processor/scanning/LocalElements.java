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
 * the rounds until they are processed, and the top-level types of every round.
 *
 * <p>Elements are remembered by name, never as objects: javac may replace them between rounds, so
 * each round reads them again through {@link Elements}.
 */
public final class LocalElements {
  private final Set<MethodName> jobs = new LinkedHashSet<>();
  private final Set<String> codecs = new LinkedHashSet<>();
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

  public boolean isEmpty() {
    return jobs.isEmpty() && codecs.isEmpty();
  }

  /** The job methods, read afresh in the current round; each class's methods are listed once. */
  public List<ExecutableElement> jobMethods(Elements elements) {
    Map<String, Map<String, List<ExecutableElement>>> owners = new HashMap<>();
    List<ExecutableElement> out = new ArrayList<>();
    for (MethodName job : jobs) {
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
  public List<TypeElement> codecClasses(Elements elements) {
    List<TypeElement> out = new ArrayList<>();
    for (String codec : codecs) {
      TypeElement type = elements.getTypeElement(codec);
      if (type != null) {
        out.add(type);
      }
    }
    return out;
  }

  /** Qualified names of the top-level types of every round so far (sources and generated). */
  public Set<String> topLevelTypes() {
    return new TreeSet<>(topLevelTypes);
  }

  /** A method by its owner's qualified name and its simple name (overloads share a name). */
  private record MethodName(String owner, String method) {}
}
