package io.klio.runtime.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klio.runtime.deadletter.StoredLetter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code deadletters list} prints: counts by job, counts by reason (the summary line with the
 * letter's own element id as {@code {id}}, so that "input missing at .../a.txt" and ".../b.txt" are
 * one reason), and the newest letters.
 *
 * @param counts letters by job; where the letters were not read, from the listings alone
 * @param letters the letters read, newest first; empty where they were not read
 * @param listings the listing requests sent (one per folder and page on an object store)
 * @param reads the letters read, one request each
 */
record LetterReport(
    Map<String, Long> counts, List<StoredLetter> letters, int limit, long listings, long reads) {
  private static final ObjectMapper JSON = new ObjectMapper();

  long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Reason groups, largest first: job and grouped summary, and how many letters. */
  List<Map.Entry<List<String>, Long>> reasons() {
    Map<List<String>, Long> groups = new TreeMap<>(Comparator.comparing(Object::toString));
    letters.forEach(
        letter -> groups.merge(List.of(job(letter.job()), letter.groupedSummary()), 1L, Long::sum));
    List<Map.Entry<List<String>, Long>> sorted = new ArrayList<>(groups.entrySet());
    sorted.sort(Map.Entry.<List<String>, Long>comparingByValue().reversed());
    return sorted;
  }

  String text(boolean countsOnly) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "%d dead letter(s) (%d listing(s), %d letter(s) read)%n", total(), listings, reads));
    if (total() == 0) {
      return text.toString();
    }
    text.append("by job:\n");
    counts.forEach((job, count) -> text.append(String.format("  %6d  %s%n", count, job)));
    if (countsOnly) {
      return text.toString();
    }
    text.append("by reason:\n");
    for (Map.Entry<List<String>, Long> reason : reasons()) {
      text.append(
          String.format(
              "  %6d  %s: %s%n",
              reason.getValue(), reason.getKey().get(0), reason.getKey().get(1)));
    }
    List<StoredLetter> shown = letters.subList(0, Math.min(limit, letters.size()));
    text.append(String.format("newest first (%d of %d):%n", shown.size(), letters.size()));
    text.append(
        String.format(
            "  %-24s  %-16s  %-20s  %8s  %s%n", "time", "job", "element", "attempts", "summary"));
    for (StoredLetter letter : shown) {
      text.append(
          String.format(
              "  %-24s  %-16s  %-20s  %8d  %s%n",
              letter.time(),
              job(letter.job()),
              element(letter),
              letter.attempts(),
              letter.summary()));
    }
    return text.toString();
  }

  String json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("total", total());
    json.put("byJob", counts);
    List<Map<String, Object>> reasons = new ArrayList<>();
    for (Map.Entry<List<String>, Long> reason : reasons()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("job", reason.getKey().get(0));
      entry.put("reason", reason.getKey().get(1));
      entry.put("count", reason.getValue());
      reasons.add(entry);
    }
    json.put("byReason", reasons);
    List<Map<String, Object>> shown = new ArrayList<>();
    for (StoredLetter letter : letters.subList(0, Math.min(limit, letters.size()))) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("job", letter.job());
      entry.put("element", letter.element());
      entry.put("attempts", letter.attempts());
      entry.put("time", letter.time().toString());
      entry.put("summary", letter.summary());
      entry.put("file", letter.file());
      shown.add(entry);
    }
    json.put("letters", shown);
    json.put("requests", Map.of("listings", listings, "reads", reads));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings and numbers always serialise", e);
    }
  }

  /** The name letters of no job are counted under. */
  static String job(String job) {
    return job.isEmpty() ? "(no job)" : job;
  }

  private static String element(StoredLetter letter) {
    return letter.element() == null || letter.element().isEmpty()
        ? "(none)"
        : letter.element().replaceAll("\\p{Cntrl}", "?");
  }
}
