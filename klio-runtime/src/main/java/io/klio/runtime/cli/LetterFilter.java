package io.klio.runtime.cli;

import io.klio.runtime.deadletter.StoredLetter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Which letters {@code deadletters list} and {@code replay} take: by job, element, reason. */
final class LetterFilter {
  @Option(
      names = "--job",
      paramLabel = "NAME",
      description = "Only this job's letters (repeatable).")
  List<String> jobs = new ArrayList<>();

  @Option(
      names = "--id",
      paramLabel = "ID",
      description = "Only letters about this element id" + " (repeatable).")
  List<String> ids = new ArrayList<>();

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      description =
          "Only letters whose summary (the" + " reason's first line) contains TEXT, ignoring case.")
  String reason;

  boolean readsLetters() {
    return !ids.isEmpty() || reason != null;
  }

  boolean test(StoredLetter letter) {
    return (ids.isEmpty() || ids.contains(letter.element()))
        && (reason == null
            || letter.summary().toLowerCase(Locale.ROOT).contains(reason.toLowerCase(Locale.ROOT)));
  }

  /** The filter in words, for "no letters match ...". */
  String describe() {
    List<String> parts = new ArrayList<>();
    if (!jobs.isEmpty()) {
      parts.add("job " + String.join(", ", jobs));
    }
    if (!ids.isEmpty()) {
      parts.add("id " + String.join(", ", ids));
    }
    if (reason != null) {
      parts.add("reason containing '" + reason + "'");
    }
    return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
  }
}
