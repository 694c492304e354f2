package io.klio.processor.writing;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import io.klio.processor.base.Names;
import io.klio.processor.base.Strings;
import io.klio.processor.base.TypeNames;
import io.klio.processor.model.Dag;
import io.klio.processor.model.JobModel;
import io.klio.processor.model.OutputModel;
import io.klio.processor.model.Parameter;
import io.klio.processor.model.StorageCodec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Writes the Beam composite of one job: its {@code JobSpec}, a {@code main} that runs the job
 * alone, and the {@code Definition} the runtime finds through {@link java.util.ServiceLoader},
 * which is also the typed invoker that calls the user's method without reflection. What is the same
 * for every job lives in the runtime's {@code GeneratedJob}, so that javac compiles it once rather
 * than once per job.
 */
public final class JobClassWriter {
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  static final ClassName KLIO = ClassName.get(Names.RUNTIME_PACKAGE, "Klio");
  static final ClassName JOB_SPEC = ClassName.get(Names.JOB_PACKAGE, "JobSpec");
  static final ClassName INPUT_SPEC = ClassName.get(Names.JOB_PACKAGE, "InputSpec");
  static final ClassName GENERATED_JOB = ClassName.get(Names.JOB_PACKAGE, "GeneratedJob");
  static final ClassName GENERATED_DEFINITION =
      ClassName.get(Names.JOB_PACKAGE, "GeneratedJob", "Definition");
  static final ClassName RUN_SETTINGS = ClassName.get("io.klio.runtime.execution", "RunSettings");
  static final ClassName CODECS = ClassName.get(Names.BUILT_IN_CODECS_PACKAGE, "Codecs");

  private final Elements elements;
  private final Types types;
  private final CodecResolver codecs;

  public JobClassWriter(Elements elements, Types types, CodecResolver codecs) {
    this.elements = elements;
    this.types = types;
    this.codecs = codecs;
  }

  /**
   * The generated class's name: {@code beat-tracking} in {@code pkg} is {@code
   * pkg.BeatTrackingKlioJob}.
   */
  public ClassName className(JobModel job) {
    String pkg = elements.getPackageOf(job.owner()).getQualifiedName().toString();
    return ClassName.get(pkg, Strings.upperCamel(job.name()) + "KlioJob");
  }

  /** The job's class; {@code fingerprint} goes into its {@code JobSpec}. */
  public JavaFile write(JobModel job, Dag dag, String fingerprint) {
    ClassName self = className(job);
    String methodRef = JobManifestWriter.methodReference(elements, job);

    TypeSpec type =
        TypeSpec.classBuilder(self)
            .addOriginatingElement(job.method())
            .addAnnotation(
                AnnotationSpec.builder(GENERATED)
                    .addMember("value", "$S", "io.klio.processor.KlioProcessor")
                    .build())
            .addJavadoc(
                "The Klio job {@code $L}: a Beam composite over Klio messages that runs\n"
                    + "{@link $T#$L} for each element. Generated; do not edit.\n",
                job.name(),
                ClassName.get(job.owner()),
                job.method().getSimpleName())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .superclass(GENERATED_JOB)
            .addField(serialVersionUid())
            .addField(
                FieldSpec.builder(
                        JOB_SPEC, "SPEC", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("What the job reads and writes, as checked at compile time.\n")
                    .initializer(specInitializer(job, dag, methodRef, fingerprint))
                    .build())
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PUBLIC)
                    .addParameter(RUN_SETTINGS, "settings")
                    .addStatement("super(new Definition(), settings)")
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("main")
                    .addJavadoc(
                        "Runs this job alone; takes the options of {@code run} (see {@link $T}).\n",
                        KLIO)
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .addParameter(String[].class, "args")
                    .varargs()
                    .addStatement("$T.runJob($S, args)", KLIO, job.name())
                    .build())
            .addType(definition(job, self))
            .build();
    return JavaFile.builder(self.packageName(), type)
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  private CodeBlock specInitializer(JobModel job, Dag dag, String methodRef, String fingerprint) {
    CodeBlock.Builder spec = CodeBlock.builder();
    spec.add("$T.builder($S, $S)", JOB_SPEC, job.name(), methodRef);
    spec.indent().indent();
    if (!job.parents().isEmpty()) {
      spec.add("\n.parents($L)", joinStrings(job.parents()));
    }
    for (Parameter input : job.inputs()) {
      CodeBlock codec = codecs.instantiate(input.type());
      String typeName = typeName(input.type());
      if (input.hasLocation()) {
        spec.add(
            "\n.input($T.external($S, $S, $S, $L))",
            INPUT_SPEC,
            input.name(),
            input.location(),
            typeName,
            codec);
      } else {
        // the producer's output as checked here; the runtime checks it against the jar it runs
        String producer = Dag.producer(job, input).orElseThrow();
        OutputModel produced = dag.job(producer).flatMap(JobModel::output).orElseThrow();
        spec.add(
            "\n.input($T.fromJob($S, $S, $S, $S, $S, $L))",
            INPUT_SPEC,
            input.name(),
            producer,
            produced.location(),
            typeName(produced.type()),
            typeName,
            codec);
      }
    }
    OutputModel output = job.output().orElseThrow();
    spec.add(
        "\n.output($S, $S, $L)",
        output.location(),
        typeName(output.type()),
        codecs.instantiate(output.type()));
    spec.add("\n.fingerprint($S)", fingerprint);
    if (!job.version().isEmpty()) {
      spec.add("\n.version($S)", job.version());
    }
    spec.add("\n.build()");
    spec.unindent().unindent();
    return spec.build();
  }

  /**
   * The definition the runtime finds through {@code META-INF/services}, which is also the job's
   * invoker: it calls the job method with typed arguments, without reflection. Everything else is
   * shared, in {@code GeneratedJob}.
   */
  private TypeSpec definition(JobModel job, ClassName self) {
    ClassName owner = ClassName.get(job.owner());
    boolean isStatic = job.method().getModifiers().contains(Modifier.STATIC);
    List<CodeBlock> arguments = new ArrayList<>();
    int inputIndex = 0;
    for (Parameter parameter : job.parameters()) {
      if (parameter.role() == Parameter.Role.ELEMENT_ID) {
        arguments.add(CodeBlock.of("elementId"));
      } else {
        arguments.add(
            CodeBlock.of("($T) inputs[$L]", TypeName.get(boxed(parameter.type())), inputIndex++));
      }
    }
    CodeBlock call =
        CodeBlock.of(
            "$L.$L($L)",
            isStatic ? CodeBlock.of("$T", owner) : CodeBlock.of("(($T) target)", owner),
            job.method().getSimpleName(),
            CodeBlock.join(arguments, ", "));
    TypeSpec.Builder definition =
        TypeSpec.classBuilder("Definition")
            .addJavadoc(
                "Lets the runtime find this job on the classpath (META-INF/services) and calls the\n"
                    + "job method with typed arguments; no reflection.\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .superclass(GENERATED_DEFINITION)
            .addField(serialVersionUid())
            .addMethod(
                MethodSpec.methodBuilder("spec")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(JOB_SPEC)
                    .addStatement("return SPEC")
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("transform")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(GENERATED_JOB)
                    .addParameter(RUN_SETTINGS, "settings")
                    .addStatement("return new $T(settings)", self)
                    .build());
    if (!isStatic) {
      definition.addMethod(
          MethodSpec.methodBuilder("newTarget")
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PUBLIC)
              .returns(Object.class)
              .addException(Exception.class) // a constructor may load a model, and throw
              .addStatement("return new $T()", owner)
              .build());
    }
    definition.addMethod(
        MethodSpec.methodBuilder("invoke")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(Object.class)
            .addParameter(Object.class, "target")
            .addParameter(Object[].class, "inputs")
            .addParameter(String.class, "elementId")
            .addException(Exception.class)
            .addStatement("return $L", call)
            .build());
    return definition.build();
  }

  /**
   * Both generated classes are serialized by Beam: the composite and its definition (the invoker).
   */
  private static FieldSpec serialVersionUid() {
    return FieldSpec.builder(
            long.class, "serialVersionUID", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("1L")
        .build();
  }

  private TypeMirror boxed(TypeMirror type) {
    return type.getKind().isPrimitive()
        ? types.boxedClass((javax.lang.model.type.PrimitiveType) type).asType()
        : type;
  }

  static String typeName(TypeMirror type) {
    return TypeNames.of(type);
  }

  private static CodeBlock joinStrings(List<String> values) {
    List<CodeBlock> blocks = new ArrayList<>();
    for (String value : values) {
      blocks.add(CodeBlock.of("$S", value));
    }
    return CodeBlock.join(blocks, ", ");
  }

  /** Instantiates the codec for a type in generated code. */
  public interface CodecResolver {
    CodeBlock instantiate(TypeMirror type);
  }

  /** The resolver over the processor's codec catalogue. */
  public static CodecResolver resolver(io.klio.processor.model.CodecCatalog catalog) {
    return type -> {
      StorageCodec codec =
          catalog
              .codecFor(type)
              .orElseThrow(() -> new IllegalStateException("no codec for " + type));
      return switch (codec.kind()) {
        case BYTES -> CodeBlock.of("$T.bytes()", CODECS);
        case STRING -> CodeBlock.of("$T.utf8()", CODECS);
        case LOCAL_FILE -> CodeBlock.of("$T.localFile()", CODECS);
        case JSON -> CodeBlock.of("$T.json($T.class)", CODECS, TypeName.get(type));
        case CUSTOM ->
            CodeBlock.of("new $T()", ClassName.bestGuess(codec.codecClass().replace('$', '.')));
      };
    };
  }
}
