package io.klio.runtime.report;

import io.klio.runtime.execution.ElementDuration;
import io.klio.runtime.execution.JobDurations;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link ReportPage} as one self-contained HTML page: an inline stylesheet, the DAG as
 * inline SVG, tables, and previews of outputs as data URIs, so that it opens offline in any
 * browser. Every string from the run (job names, element ids, reasons, outputs) is escaped.
 *
 * <p>A few lines of script mark each preview the browser could decode ({@code
 * data-decoded="true"}), which tests read from the rendered page; the page needs no script to be
 * read.
 */
public final class HtmlReport {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final int NAME_CHARS = 26;

  private static final String STYLE =
      """
      :root { --ink: #1f2933; --muted: #616e7c; --line: #d9dee4; --paper: #fbfcfd; }
      * { box-sizing: border-box; }
      body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 system-ui, -apple-system,
        "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--paper); }
      h1 { font-size: 22px; margin: 0 0 8px; }
      h2 { font-size: 17px; margin: 32px 0 10px; border-bottom: 1px solid var(--line);
        padding-bottom: 4px; }
      h3 { font-size: 14px; margin: 18px 0 6px; }
      code, pre, .mono { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace;
        font-size: 12.5px; }
      .meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px;
        margin: 8px 0 4px; }
      .meta dt { color: var(--muted); }
      .meta dd { margin: 0; overflow-wrap: anywhere; }
      .legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 10px 0; padding: 0;
        list-style: none; color: var(--muted); }
      .legend i { display: inline-block; width: 12px; height: 12px; border-radius: 3px;
        margin-right: 6px; vertical-align: -1px; }
      .dag { overflow-x: auto; background: #fff; border: 1px solid var(--line);
        border-radius: 8px; padding: 4px; }
      table { border-collapse: collapse; background: #fff; margin: 4px 0; }
      th, td { border: 1px solid var(--line); padding: 4px 10px; text-align: right;
        vertical-align: top; }
      th { background: #f1f4f7; font-weight: 600; font-size: 12.5px; }
      td.name, th.name { text-align: left; white-space: nowrap; }
      td.wrap { white-space: normal; overflow-wrap: anywhere; min-width: 120px; max-width: 480px; }
      .scroll { overflow-x: auto; }
      td.zero { color: #b0b8c1; }
      .note { color: var(--muted); font-size: 12.5px; margin: 4px 0; }
      .previews { display: flex; flex-wrap: wrap; gap: 14px; }
      figure { margin: 0; padding: 8px; background: #fff; border: 1px solid var(--line);
        border-radius: 6px; max-width: 100%; }
      figure img { display: block; max-width: 520px; max-height: 360px; }
      figure pre { margin: 0; max-width: 520px; max-height: 280px; overflow: auto;
        white-space: pre-wrap; overflow-wrap: anywhere; }
      figcaption { color: var(--muted); font-size: 12px; margin-top: 6px; max-width: 520px;
        overflow-wrap: anywhere; }
      """;

  /**
   * Marks decoded previews; an image counts once it has a width, audio once its length is known.
   */
  private static final String SCRIPT =
      """
      (function () {
        function mark(el) { el.setAttribute('data-decoded', 'true'); }
        document.querySelectorAll('img.preview').forEach(function (img) {
          if (img.complete && img.naturalWidth > 0) { mark(img); }
          else { img.addEventListener('load', function () {
            if (img.naturalWidth > 0) { mark(img); } }); }
        });
        document.querySelectorAll('audio.preview').forEach(function (audio) {
          function check() { if (audio.readyState >= 1 && audio.duration > 0) { mark(audio); } }
          audio.addEventListener('loadedmetadata', check);
          check();
        });
      })();
      """;

  private HtmlReport() {}

  public static String write(ReportPage page) {
    StringBuilder out = new StringBuilder(64 * 1024);
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(Html.escape(page.title() + " report"))
        .append("</title>\n")
        .append("<style>\n")
        .append(STYLE)
        .append(colourRules(page))
        .append("</style>\n")
        .append("</head><body>\n");
    header(page, out);
    dag(page, out);
    countsTable(page, out);
    if (page.showDurations()) {
      durations(page, out);
      slowest(page, out);
      deadLetters(page, out);
    }
    previews(page, out);
    out.append("<script>\n").append(SCRIPT).append("</script>\n</body></html>\n");
    return out.toString();
  }

  private static String colourRules(ReportPage page) {
    StringBuilder rules = new StringBuilder();
    for (Outcome outcome : Outcome.values()) {
      rules
          .append(".o-")
          .append(outcome.key())
          .append(" { --c: ")
          .append(outcome.colour())
          .append("; }\n");
    }
    rules.append(".legend i { background: var(--c); }\n");
    return rules.toString();
  }

  private static void header(ReportPage page, StringBuilder out) {
    out.append("<h1>").append(Html.escape(page.title())).append("</h1>\n<dl class=\"meta\">\n");
    meta(out, "command", "<code>" + Html.escape(page.commandLine()) + "</code>");
    meta(out, "runner", Html.escape(page.runner()));
    meta(out, "started", Html.escape(TIME.format(page.started())));
    meta(out, "wall time", Html.escape(duration(page.wall().toMillis())));
    out.append("</dl>\n");
  }

  private static void meta(StringBuilder out, String term, String html) {
    out.append("<dt>").append(term).append("</dt><dd>").append(html).append("</dd>\n");
  }

  private static void dag(ReportPage page, StringBuilder out) {
    out.append("<h2>DAG</h2>\n<ul class=\"legend\">");
    for (Outcome outcome : page.outcomes()) {
      out.append("<li class=\"o-")
          .append(outcome.key())
          .append("\"><i></i>")
          .append(Html.escape(outcome.legend()))
          .append("</li>");
    }
    out.append("</ul>\n");
    Map<String, List<String>> parents = new LinkedHashMap<>();
    page.jobs().forEach(job -> parents.put(job.name(), job.parents()));
    DagLayout layout = DagLayout.of(parents);
    out.append("<div class=\"dag\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\"")
        .append(" aria-label=\"the DAG of the jobs\" width=\"")
        .append(layout.width())
        .append("\" height=\"")
        .append(layout.height())
        .append("\" viewBox=\"0 0 ")
        .append(layout.width())
        .append(' ')
        .append(layout.height())
        .append("\">\n")
        .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"8\" refY=\"5\"")
        .append(" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">")
        .append("<path d=\"M0 0 L10 5 L0 10 z\" fill=\"#8b96a3\"/></marker></defs>\n");
    for (DagLayout.Edge edge : layout.edges()) {
      out.append("<path class=\"edge\" data-from=\"")
          .append(Html.escape(edge.parent()))
          .append("\" data-to=\"")
          .append(Html.escape(edge.child()))
          .append("\" d=\"")
          .append(edge.path())
          .append("\" fill=\"none\" stroke=\"#8b96a3\" stroke-width=\"1.5\"")
          .append(" marker-end=\"url(#arrow)\"/>\n");
    }
    for (ReportPage.Job job : page.jobs()) {
      node(page, job, layout.boxes().get(job.name()), out);
    }
    out.append("</svg></div>\n");
  }

  private static void node(
      ReportPage page, ReportPage.Job job, DagLayout.Box box, StringBuilder out) {
    Outcome state = job.state();
    out.append("<g class=\"node\" data-job=\"")
        .append(Html.escape(job.name()))
        .append("\" data-state=\"")
        .append(state.key())
        .append('"');
    for (Outcome outcome : page.outcomes()) {
      out.append(" data-")
          .append(outcome.key())
          .append("=\"")
          .append(job.count(outcome))
          .append('"');
    }
    out.append(" transform=\"translate(")
        .append(box.x())
        .append(',')
        .append(box.y())
        .append(")\">\n<title>")
        .append(Html.escape(job.name() + ": " + state.legend()))
        .append("</title>\n");
    out.append("<rect width=\"")
        .append(DagLayout.NODE_WIDTH)
        .append("\" height=\"")
        .append(DagLayout.NODE_HEIGHT)
        .append("\" rx=\"8\" fill=\"#fff\" stroke=\"")
        .append(state.colour())
        .append("\" stroke-width=\"2\"/>\n")
        .append("<rect width=\"6\" height=\"")
        .append(DagLayout.NODE_HEIGHT)
        .append("\" rx=\"3\" fill=\"")
        .append(state.colour())
        .append("\"/>\n");
    String name =
        job.name().length() > NAME_CHARS
            ? job.name().substring(0, NAME_CHARS - 1) + "\u2026"
            : job.name();
    out.append("<text x=\"16\" y=\"22\" font-size=\"14\" font-weight=\"600\" fill=\"#1f2933\">")
        .append(Html.escape(name))
        .append("</text>\n");
    List<String> parts = new ArrayList<>();
    for (Outcome outcome : page.outcomes()) {
      if (job.count(outcome) > 0) {
        parts.add(job.count(outcome) + " " + outcome.label());
      }
    }
    if (parts.isEmpty()) {
      parts.add("no elements");
    }
    int half = Math.min(2, parts.size()); // two to a line fit a node
    line(out, 40, String.join(" \u00b7 ", parts.subList(0, half)));
    line(out, 55, String.join(" \u00b7 ", parts.subList(half, parts.size())));
    bar(page, job, out);
    out.append("</g>\n");
  }

  private static void line(StringBuilder out, int y, String text) {
    if (!text.isEmpty()) {
      out.append("<text class=\"counts\" x=\"16\" y=\"")
          .append(y)
          .append("\" font-size=\"11.5\" fill=\"#3e4c59\">")
          .append(Html.escape(text))
          .append("</text>\n");
    }
  }

  /** A strip along the node's foot, split by how many elements ended in each outcome. */
  private static void bar(ReportPage page, ReportPage.Job job, StringBuilder out) {
    long total = page.outcomes().stream().mapToLong(job::count).sum();
    if (total == 0) {
      return;
    }
    double x = 16;
    double width = DagLayout.NODE_WIDTH - 28;
    for (Outcome outcome : page.outcomes()) {
      double part = width * job.count(outcome) / total;
      if (part > 0) {
        out.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"63\" width=\"%.1f\" height=\"4\" fill=\"%s\"/>%n",
                x,
                part,
                outcome.colour()));
        x += part;
      }
    }
  }

  private static void countsTable(ReportPage page, StringBuilder out) {
    out.append("<h2>Counts</h2>\n<div class=\"scroll\"><table class=\"counts\"><thead><tr>")
        .append("<th class=\"name\">job</th>");
    for (String column : page.columns()) {
      out.append("<th>").append(Html.escape(column)).append("</th>");
    }
    out.append("<th class=\"name\">code</th><th class=\"name\">version</th></tr></thead><tbody>\n");
    for (ReportPage.Job job : page.jobs()) {
      out.append("<tr data-job=\"")
          .append(Html.escape(job.name()))
          .append("\"><td class=\"name\">")
          .append(Html.escape(job.name()))
          .append("</td>");
      for (String column : page.columns()) {
        long count = job.counts().getOrDefault(column, 0L);
        out.append(count == 0 ? "<td class=\"zero\"" : "<td")
            .append(" data-column=\"")
            .append(Html.escape(column))
            .append("\">")
            .append(count)
            .append("</td>");
      }
      String fingerprint =
          job.fingerprint().isEmpty()
              ? "(none)"
              : job.fingerprint().substring(0, Math.min(12, job.fingerprint().length()));
      out.append("<td class=\"name mono\" title=\"")
          .append(Html.escape(job.fingerprint()))
          .append("\">")
          .append(Html.escape(fingerprint))
          .append("</td><td class=\"name\">")
          .append(Html.escape(job.version().isEmpty() ? "\u2013" : job.version()))
          .append("</td></tr>\n");
    }
    out.append(
        "</tbody></table></div>\n<p class=\"note\">code: the start of the job's fingerprint, a"
            + " hash of its code, types and locations; stale-recomputed and no-record come from the"
            + " provenance records (with <code>--stale</code>).</p>\n");
  }

  private static void durations(ReportPage page, StringBuilder out) {
    out.append("<h2>Running times of the job methods</h2>\n<table class=\"durations\"><thead><tr>")
        .append("<th class=\"name\">job</th><th>computed</th><th>p50</th><th>p95</th>")
        .append("<th>max</th></tr></thead><tbody>\n");
    for (ReportPage.Job job : page.jobs()) {
      JobDurations d = job.durations();
      out.append("<tr data-job=\"")
          .append(Html.escape(job.name()))
          .append("\"><td class=\"name\">")
          .append(Html.escape(job.name()))
          .append("</td><td>")
          .append(d.count())
          .append("</td><td>")
          .append(duration(d.p50Millis()))
          .append("</td><td>")
          .append(duration(d.p95Millis()))
          .append("</td><td>")
          .append(duration(d.maxMillis()))
          .append("</td></tr>\n");
    }
    out.append(
        "</tbody></table>\n<p class=\"note\">p50 and p95 come from the run's Beam counters,"
            + " which count each running time in a bucket about 19% wide: they are right within a"
            + " bucket's width. The maximum is exact (a Beam distribution). Only elements computed in"
            + " this run count; skipped ones cost nothing.</p>\n");
  }

  private static void slowest(ReportPage page, StringBuilder out) {
    out.append("<h2>Slowest elements</h2>\n");
    if (!page.slowest().isEmpty()) {
      out.append("<table class=\"slowest\"><thead><tr><th class=\"name\">job</th>")
          .append("<th class=\"name\">element</th><th>running time</th></tr></thead><tbody>\n");
      for (ElementDuration slow : page.slowest()) {
        out.append("<tr><td class=\"name\">")
            .append(Html.escape(slow.job()))
            .append("</td><td class=\"name wrap mono\">")
            .append(Html.escape(slow.id()))
            .append("</td><td>")
            .append(duration(slow.millis()))
            .append("</td></tr>\n");
      }
      out.append("</tbody></table>\n");
    }
    out.append("<p class=\"note\">").append(Html.escape(page.slowestNote())).append("</p>\n");
  }

  private static void deadLetters(ReportPage page, StringBuilder out) {
    out.append("<h2>Dead letters</h2>\n");
    if (!page.letters().isEmpty()) {
      out.append("<table class=\"letters\"><thead><tr><th class=\"name\">job</th>")
          .append("<th class=\"name\">reason</th><th>letters</th><th class=\"name\">e.g.</th>")
          .append("</tr></thead><tbody>\n");
      for (ReportPage.LetterGroup group : page.letters()) {
        out.append("<tr><td class=\"name\">")
            .append(Html.escape(group.job()))
            .append("</td><td class=\"name wrap mono\">")
            .append(Html.escape(group.reason()))
            .append("</td><td>")
            .append(group.count())
            .append("</td><td class=\"name wrap mono\">")
            .append(Html.escape(String.join(", ", group.sampleIds())))
            .append("</td></tr>\n");
      }
      out.append("</tbody></table>\n");
    }
    for (String note : page.letterNotes()) {
      out.append("<p class=\"note\">").append(Html.escape(note)).append("</p>\n");
    }
  }

  private static void previews(ReportPage page, StringBuilder out) {
    if (page.jobs().stream().allMatch(job -> job.previews().isEmpty())) {
      return;
    }
    out.append(
            "<h2>Outputs</h2>\n<p class=\"note\">A few outputs per job, read after the run;"
                + " files over ")
        .append(size(Previews.DEFAULT_MAX_FILE_BYTES))
        .append(" are named, not embedded.</p>\n");
    for (ReportPage.Job job : page.jobs()) {
      if (job.previews().isEmpty()) {
        continue;
      }
      out.append("<h3>")
          .append(Html.escape(job.name()))
          .append("</h3>\n<div class=\"previews\">\n");
      job.previews().forEach(preview -> preview(job, preview, out));
      out.append("</div>\n");
    }
  }

  private static void preview(ReportPage.Job job, Preview preview, StringBuilder out) {
    out.append("<figure data-job=\"")
        .append(Html.escape(job.name()))
        .append("\" data-kind=\"")
        .append(preview.kind().name().toLowerCase(Locale.ROOT))
        .append("\">");
    String alt = Html.escape(job.name() + " output for " + preview.id());
    switch (preview.kind()) {
      case IMAGE ->
          out.append("<img class=\"preview\" alt=\"")
              .append(alt)
              .append("\" src=\"")
              .append(preview.body())
              .append("\">");
      case AUDIO ->
          out.append("<audio class=\"preview\" controls preload=\"metadata\" src=\"")
              .append(preview.body())
              .append("\"></audio>");
      case JSON, TEXT ->
          out.append("<pre>")
              .append(Html.escape(preview.body()))
              .append(preview.truncated() ? "\n\u2026 (cut)" : "")
              .append("</pre>");
      case BYTES ->
          out.append("<div class=\"mono\">sha256 ")
              .append(Html.escape(preview.body()))
              .append("</div>");
      case TOO_LARGE -> out.append("<div>too large to embed</div>");
    }
    out.append("<figcaption><span class=\"mono\">")
        .append(Html.escape(preview.id()))
        .append("</span> \u00b7 ")
        .append(size(preview.size()))
        .append("<br>")
        .append(Html.escape(preview.location()))
        .append("</figcaption></figure>\n");
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }

  /** 850 ms, 12.5 s, 3m 20s; a dash if unknown. */
  static String duration(double millis) {
    if (millis < 0) {
      return "\u2013";
    }
    if (millis < 1_000) {
      return Math.round(millis) + " ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1_000);
    }
    Duration d = Duration.ofMillis(Math.round(millis));
    return d.toHours() > 0
        ? String.format(Locale.ROOT, "%dh %02dm", d.toHours(), d.toMinutesPart())
        : String.format(Locale.ROOT, "%dm %02ds", d.toMinutes(), d.toSecondsPart());
  }
}
