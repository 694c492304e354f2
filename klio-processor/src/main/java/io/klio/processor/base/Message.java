package io.klio.processor.base;

import java.util.Locale;

/**
 * Every diagnostic the processor prints. Each starts with a stable tag in brackets so that users
 * and tools can search for it; the tag never changes once released.
 */
public enum Message {
  BAD_JOB_NAME(
      "BadJobName",
      "job name '%s' is not valid: use lower-case letters, digits and '-', start with a letter, at"
          + " most 63 characters%s"),
  DUPLICATE_JOB("DuplicateJob", "job name '%s' is already used by %s"),
  UNKNOWN_PARENT("UnknownParent", "job '%s' names parent '%s', but no job of that name exists%s"),
  SELF_PARENT("Cycle", "job '%s' names itself as its parent"),
  CYCLE("Cycle", "jobs form a cycle:\n%s"),
  INPUT_NOT_ANCESTOR(
      "InputNotAncestor",
      "input '%s' of job '%s' reads from '%s', which is not an ancestor of '%s'%s"),
  AMBIGUOUS_INPUT(
      "AmbiguousInput",
      "input '%s' of job '%s' must say which job it reads: @Input(from = ...) is required when a"
          + " job has several parents (%s)"),
  ROOT_INPUT_WITHOUT_LOCATION(
      "RootInputLocation",
      "input '%s' of job '%s' has nowhere to read from: '%s' has no parents, so its inputs need"
          + " @Input(location = \"...\")"),
  INPUT_FROM_AND_LOCATION(
      "InputConflict",
      "input '%s' of job '%s' gives both 'from' and 'location': an input reads either a job's"
          + " output or an external location"),
  TYPE_MISMATCH(
      "TypeMismatch",
      "input '%s' of job '%s' has type %s, which cannot hold the output of job '%s' (%s)"),
  NO_CODEC(
      "NoCodec",
      "%s of job '%s' has type %s, which Klio cannot store: use byte[], String,"
          + " java.nio.file.Path, a record, a public bean with a public no-arg constructor, or a"
          + " type with a @KlioCodec codec%s"),
  MISSING_OUTPUT(
      "MissingOutput",
      "job '%s' has no @Output: add @Output(location = \"...{id}...\") to say where its result is"
          + " stored"),
  OUTPUT_WITHOUT_ID(
      "OutputWithoutId",
      "output location '%s' of job '%s' does not contain {id}: every element would overwrite the"
          + " same file"),
  MALFORMED_TEMPLATE("MalformedTemplate", "location '%s' of job '%s' is malformed: %s"),
  NOT_PUBLIC("MethodNotPublic", "job method %s must be public, in a public class"),
  NO_CONSTRUCTOR(
      "NoConstructor",
      "job method %s is an instance method, so %s needs a public no-arg constructor (or make the"
          + " method static)"),
  RETURNS_VOID("ReturnsVoid", "job method %s returns void: a job returns the value it stores"),
  GENERIC_METHOD(
      "GenericJob",
      "job method %s declares type parameters: a job's types must be known at compile time"),
  UNANNOTATED_PARAMETER(
      "UnannotatedParameter",
      "parameter '%s' of job method %s needs @Input or @ElementId: Klio supplies every argument"),
  ELEMENT_ID_NOT_STRING(
      "ElementIdType", "@ElementId parameter '%s' of job method %s must be a String, not %s"),
  MISPLACED("Misplaced", "@%s on %s has no effect: it only applies to %s"),
  BAD_CODEC(
      "BadCodec",
      "@KlioCodec class %s must be public, have a public no-arg constructor and implement"
          + " io.klio.codec.Codec<T> for a concrete T"),
  UNRESOLVED_TYPE(
      "UnresolvedType",
      "%s refers to %s, which no source, jar or annotation processor of this compilation"
          + " declares: Klio generated nothing"),
  FINGERPRINT_WITHOUT_CODE(
      "FingerprintWithoutCode",
      "job fingerprints cover types, locations and codecs but no code, because %s: a code change"
          + " does not make a job's outputs stale; bump @KlioJob(version = ...) when it should"),
  INTERNAL("Internal", "the Klio processor failed on %s (please report this): %s");

  private final String tag;
  private final String format;

  Message(String tag, String format) {
    this.tag = tag;
    this.format = format;
  }

  /** The stable tag, such as {@code [Klio/Cycle]}. */
  public String tag() {
    return "[Klio/" + tag + "]";
  }

  /** The full message text. */
  public String format(Object... args) {
    return tag() + " " + String.format(Locale.ROOT, format, args);
  }
}
