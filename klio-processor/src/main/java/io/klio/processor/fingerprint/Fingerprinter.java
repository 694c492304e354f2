package io.klio.processor.fingerprint;

import io.klio.processor.base.Constructors;
import io.klio.processor.base.Message;
import io.klio.processor.base.Reporter;
import io.klio.processor.base.Reporter.Site;
import io.klio.processor.base.TypeNames;
import io.klio.processor.model.CodecCatalog;
import io.klio.processor.model.Dag;
import io.klio.processor.model.JobModel;
import io.klio.processor.model.OutputModel;
import io.klio.processor.model.Parameter;
import io.klio.processor.model.StorageCodec;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * A job's fingerprint: lowercase hex SHA-256 of a canonical text of what decides its outputs
 * (docs/provenance.md): its code and the code of this compilation it reaches, its parameter roles
 * and types, its inputs' locations or producers, its output, their codecs and, for JSON, the fields
 * of their types. Not its name, its parents as such or its version: the runtime combines the
 * version with the fingerprint itself. The text is the same on every machine and in every build of
 * the same sources.
 *
 * <p>Without javac's syntax trees (another compiler, or a processing environment wrapped by a build
 * tool) the fingerprint covers everything but code, and one note says so.
 */
public final class Fingerprinter {
  /** Changes whenever the canonical text does, so fingerprints of different formats never meet. */
  static final String FORMAT = "klio-fingerprint-1";

  private final Elements elements;
  private final Reporter reporter;
  private final SourceCode code; // null: no syntax trees
  private final String whyNoCode;
  private boolean noted;

  private Fingerprinter(Elements elements, Reporter reporter, SourceCode code, String whyNoCode) {
    this.elements = elements;
    this.reporter = reporter;
    this.code = code;
    this.whyNoCode = whyNoCode;
  }

  public static Fingerprinter create(ProcessingEnvironment env, Reporter reporter) {
    String why;
    try {
      return new Fingerprinter(env.getElementUtils(), reporter, SourceCode.open(env), null);
    } catch (IllegalArgumentException e) {
      why = "the processing environment is not javac's own (" + env.getClass().getName() + ")";
    } catch (LinkageError e) {
      why = "the compiler has no Compiler Tree API (" + e + ")";
    }
    return new Fingerprinter(env.getElementUtils(), reporter, null, why);
  }

  /** The fingerprint of a job of this compilation, whose DAG and codecs have been checked. */
  public String fingerprint(JobModel job, Dag dag, CodecCatalog codecs) {
    CanonicalText text = new CanonicalText().add("format", FORMAT);
    for (Parameter parameter : job.parameters()) {
      switch (parameter.role()) {
        case INPUT -> input(job, parameter, dag, codecs, text);
        case ELEMENT_ID -> text.add("element-id", TypeNames.of(parameter.type()));
        case UNANNOTATED -> throw new IllegalStateException("unchecked job " + job.name());
      }
    }
    OutputModel output = job.output().orElseThrow();
    stored("output", output.type(), codecs, text);
    text.add("location", output.location());
    text.add("code", code(job, codecs));
    return text.sha256();
  }

  private String code(JobModel job, CodecCatalog codecs) {
    if (code == null) {
      noteOnce(Site.of(null), whyNoCode);
      return "none";
    }
    try {
      return code.reachableFrom(job.method(), alsoRun(job, codecs));
    } catch (RuntimeException e) {
      // javac's attribution, run early; a build must not fail over provenance
      noteOnce(Site.of(job.method()), "reading the code of job '" + job.name() + "' failed: " + e);
      return "none";
    }
  }

  private static void input(
      JobModel job, Parameter input, Dag dag, CodecCatalog codecs, CanonicalText text) {
    stored("input", input.type(), codecs, text);
    if (input.hasLocation()) {
      text.add("location", input.location());
    } else {
      String producer = Dag.producer(job, input).orElseThrow();
      OutputModel produced = dag.job(producer).flatMap(JobModel::output).orElseThrow();
      text.add("from", producer)
          .add("from-output", TypeNames.of(produced.type()))
          .add("from-location", produced.location());
    }
  }

  /** A stored value's type and codec, and for JSON the shape of its type. */
  private static void stored(String key, TypeMirror type, CodecCatalog codecs, CanonicalText text) {
    StorageCodec codec = codecs.codecFor(type).orElseThrow();
    text.add(key, TypeNames.of(type))
        .add("codec", codec.kind() + (codec.codecClass() == null ? "" : " " + codec.codecClass()));
    if (codec.kind() == StorageCodec.Kind.JSON) {
      text.add("json-shape", JsonShape.of(type));
    }
  }

  /**
   * Code the runtime runs besides the job method: an instance job's no-arg constructor, and the
   * no-arg constructor, {@code encode} and {@code decode} of its {@code @KlioCodec} codecs; those
   * of other compilations are skipped by {@link SourceCode}.
   */
  private List<ExecutableElement> alsoRun(JobModel job, CodecCatalog codecs) {
    List<ExecutableElement> out = new ArrayList<>();
    if (!job.method().getModifiers().contains(Modifier.STATIC)) {
      Constructors.noArg(job.owner()).ifPresent(out::add);
    }
    List<TypeMirror> types = new ArrayList<>();
    job.inputs().forEach(input -> types.add(input.type()));
    types.add(job.output().orElseThrow().type());
    for (TypeMirror type : types) {
      String codecClass = codecs.codecFor(type).map(StorageCodec::codecClass).orElse(null);
      TypeElement codec =
          codecClass == null ? null : elements.getTypeElement(codecClass.replace('$', '.'));
      if (codec != null) {
        Constructors.noArg(codec).ifPresent(out::add);
        for (ExecutableElement member : ElementFilter.methodsIn(codec.getEnclosedElements())) {
          String name = member.getSimpleName().toString();
          if (name.equals("encode") || name.equals("decode")) {
            out.add(member);
          }
        }
      }
    }
    return out;
  }

  /** One note per compilation: the cause is the same for every job, or rare enough. */
  private void noteOnce(Site site, String why) {
    if (!noted) {
      noted = true;
      reporter.note(site, Message.FINGERPRINT_WITHOUT_CODE, why);
    }
  }
}
