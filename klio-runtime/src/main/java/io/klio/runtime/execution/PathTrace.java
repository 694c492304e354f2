package io.klio.runtime.execution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The path each id of a batch would take through a run's jobs (a {@code --ping}): what each job
 * would do for it, in the order the jobs run. Jobs an id does not need (bottom-up) are left out.
 */
final class PathTrace {
  private final Map<String, List<String>> steps = new LinkedHashMap<>();

  /** Notes an id before any job sees it, so that an id no job needs still gets its line. */
  void start(String id) {
    steps.computeIfAbsent(id, i -> new ArrayList<>());
  }

  void add(String id, String job, String verdict) {
    steps.computeIfAbsent(id, i -> new ArrayList<>()).add(job + " " + verdict);
  }

  /**
   * One line per id, {@code id: job verdict -> job verdict}, with line breaks in ids or reasons
   * escaped so that a line stays one id.
   */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    steps.forEach(
        (id, path) ->
            lines.add(
                oneLine(id)
                    + ": "
                    + (path.isEmpty() ? "nothing to do" : oneLine(String.join(" -> ", path)))));
    return lines;
  }

  private static String oneLine(String text) {
    return text.replace("\r", "\\r").replace("\n", "\\n");
  }
}
