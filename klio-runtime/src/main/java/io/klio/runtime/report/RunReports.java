package io.klio.runtime.report;

import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.execution.JobDurations;
import io.klio.runtime.execution.PlanSummary;
import io.klio.runtime.execution.RunRequest;
import io.klio.runtime.execution.RunSettings;
import io.klio.runtime.execution.RunSummary;
import io.klio.runtime.job.JobSpec;
import io.klio.runtime.storage.Locations;
import io.klio.runtime.storage.Storage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/** Gathers a {@link ReportPage} from a finished run or plan, and says where pages go. */
public final class RunReports {
  /** Outputs shown per job, and ids tried to find them. */
  static final int PREVIEWS_PER_JOB = 2;

  static final int SAMPLE_IDS = 8;

  /** Letters read per job; the rest are counted, not grouped. */
  static final int LETTERS_READ = 500;

  private static final String BEFORE_ANY_JOB = "(before any job)";
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** What every page says about how it came about. */
  public record Context(
      String commandLine,
      String runner,
      Instant started,
      Duration wall,
      JobGraph graph,
      List<String> jobs,
      RunRequest request,
      RunSettings settings) {}

  private RunReports() {}

  /** The page of a finished run: what its counters, metrics, dead letters and outputs show. */
  public static ReportPage run(Context context, RunSummary summary, Optional<String> letterLocation)
      throws IOException {
    List<String> sample = sampleIds(context.request());
    Previews previews = new Previews();
    List<ReportPage.Job> jobs = new ArrayList<>();
    for (String name : context.jobs()) {
      Map<Outcome, Long> outcomes = new LinkedHashMap<>();
      outcomes.put(Outcome.COMPUTED, summary.count(name, RunSummary.PROCESSED));
      outcomes.put(Outcome.SKIPPED, summary.count(name, RunSummary.SKIPPED));
      outcomes.put(Outcome.FAILED, summary.count(name, RunSummary.DEAD_LETTERED));
      outcomes.put(Outcome.BLOCKED, summary.count(name, RunSummary.BLOCKED_BY_PARENT));
      Map<String, Long> counts = new LinkedHashMap<>();
      summary.reportColumns().forEach(column -> counts.put(column, summary.count(name, column)));
      jobs.add(
          job(
              context,
              name,
              outcomes,
              counts,
              summary.durations(name),
              previews(context, name, sample, previews)));
    }
    DeadLetterGroups letters = DeadLetterGroups.of(context, summary, letterLocation);
    String slowestNote =
        summary.slowest().isEmpty()
            ? "No running times reached the launcher: nothing was computed, or the runner reports"
                + " no string-set metrics."
            : "Each worker reports the calls that enter its own 10 longest as a Beam string-set"
                + " metric; the run's 10 longest are among them.";
    return new ReportPage(
        "Klio run",
        context.commandLine(),
        context.runner(),
        context.started(),
        context.wall(),
        List.of(
            Outcome.COMPUTED,
            Outcome.SKIPPED,
            Outcome.FAILED,
            Outcome.BLOCKED,
            Outcome.NOT_REACHED),
        summary.reportColumns(),
        jobs,
        summary.slowest(),
        slowestNote,
        letters.groups(),
        letters.notes(),
        true);
  }

  /** The page of a plan: what a run would compute, skip, recompute as stale or leave blocked. */
  public static ReportPage plan(Context context, PlanSummary plan) {
    List<ReportPage.Job> jobs = new ArrayList<>();
    for (PlanSummary.JobPlan job : plan.jobs()) {
      Map<Outcome, Long> outcomes = new LinkedHashMap<>();
      outcomes.put(Outcome.COMPUTE, job.missing() + job.forced());
      outcomes.put(Outcome.STALE, job.stale());
      outcomes.put(Outcome.SKIPPED, job.skip());
      outcomes.put(Outcome.BLOCKED, job.blocked());
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put("compute", job.compute());
      counts.put("missing", job.missing());
      counts.put("stale", job.stale());
      counts.put("forced", job.forced());
      counts.put("skip", job.skip());
      counts.put("blocked", job.blocked());
      counts.put("no-record", job.noRecord());
      counts.put("checks", job.checkRequests());
      counts.put("read+write", job.readWriteRequests());
      jobs.add(job(context, job.job(), outcomes, counts, JobDurations.NONE, List.of()));
    }
    return new ReportPage(
        "Klio plan",
        context.commandLine(),
        context.runner(),
        context.started(),
        context.wall(),
        List.of(
            Outcome.COMPUTE, Outcome.STALE, Outcome.SKIPPED, Outcome.BLOCKED, Outcome.NOT_REACHED),
        List.of(
            "compute",
            "missing",
            "stale",
            "forced",
            "skip",
            "blocked",
            "no-record",
            "checks",
            "read+write"),
        jobs,
        List.of(),
        "",
        List.of(),
        List.of(),
        false);
  }

  private static ReportPage.Job job(
      Context context,
      String name,
      Map<Outcome, Long> outcomes,
      Map<String, Long> counts,
      JobDurations durations,
      List<Preview> previews) {
    JobSpec spec = context.graph().job(name);
    List<String> parents = new ArrayList<>(spec.parents());
    parents.retainAll(context.jobs());
    return new ReportPage.Job(
        name, parents, outcomes, counts, spec.fingerprint(), spec.version(), durations, previews);
  }

  /** Up to {@link #PREVIEWS_PER_JOB} outputs of {@code job} among the sample ids. */
  private static List<Preview> previews(
      Context context, String job, List<String> sample, Previews previews) throws IOException {
    List<Preview> found = new ArrayList<>();
    String template = context.graph().job(job).output().location();
    for (String id : sample) {
      if (found.size() == PREVIEWS_PER_JOB) {
        break;
      }
      String location;
      try {
        location = Locations.render(template, id, context.settings().variables());
      } catch (IllegalArgumentException unsafe) {
        continue; // an id no location can take: a dead letter of the run
      }
      previews.of(id, location).ifPresent(found::add);
    }
    return found;
  }

  /** The first ids of the run: those given, then the first lines of its id files. */
  static List<String> sampleIds(RunRequest request) throws IOException {
    Set<String> ids = new LinkedHashSet<>(request.ids());
    if (request.idFiles() != null && ids.size() < SAMPLE_IDS) {
      MatchResult match =
          FileSystems.match(List.of(request.idFiles()), EmptyMatchTreatment.ALLOW).get(0);
      if (match.status() == MatchResult.Status.OK && !match.metadata().isEmpty()) {
        try (BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(
                    Storage.open(match.metadata().get(0).resourceId().toString()),
                    StandardCharsets.UTF_8))) {
          for (String line = lines.readLine();
              line != null && ids.size() < SAMPLE_IDS;
              line = lines.readLine()) {
            Optional.ofNullable(Locations.idInLine(line)).ifPresent(ids::add);
          }
        }
      }
    }
    return new ArrayList<>(ids).subList(0, Math.min(SAMPLE_IDS, ids.size()));
  }

  /**
   * Where a run's page goes unless {@code --report} says: {@code .klio/reports/<time>.html} in the
   * folder that holds all the jobs' outputs when they are local files (the data folder), else in
   * the working directory.
   */
  public static Path defaultPath(
      JobGraph graph, List<String> jobs, Map<String, String> variables, Instant started) {
    Path folder = null;
    for (String job : jobs) {
      String output = Locations.render(graph.job(job).output().location(), "id", variables);
      if (!Storage.isLocal(output)) {
        folder = null;
        break;
      }
      Path parent =
          Path.of(output.startsWith("file://") ? output.substring(7) : output)
              .toAbsolutePath()
              .normalize()
              .getParent();
      folder = folder == null ? parent : common(folder, parent);
    }
    Path base = folder == null || folder.getParent() == null ? Path.of("") : folder;
    Path reports = base.resolve(".klio").resolve("reports");
    String name = FILE_TIME.format(started);
    Path path = reports.resolve(name + ".html");
    for (int n = 2; Files.exists(path); n++) {
      path = reports.resolve(name + "-" + n + ".html");
    }
    return path;
  }

  private static Path common(Path a, Path b) {
    Path common = a;
    while (common != null && !b.startsWith(common)) {
      common = common.getParent();
    }
    return common;
  }

  /** Writes the page to {@code path}, making its folder. */
  public static void write(ReportPage page, Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(path, HtmlReport.write(page), StandardCharsets.UTF_8);
  }

  /** The dead letters of a run, grouped by job and reason, from their files where there are any. */
  record DeadLetterGroups(List<ReportPage.LetterGroup> groups, List<String> notes) {
    static DeadLetterGroups of(Context context, RunSummary summary, Optional<String> runLocation)
        throws IOException {
      List<ReportPage.LetterGroup> groups = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      long inJobs = 0;
      for (String job : context.jobs()) {
        long counted = summary.count(job, RunSummary.DEAD_LETTERED);
        inJobs += counted;
        Optional<String> location =
            context.settings().job(job).deadLetterLocation().or(() -> runLocation);
        add(context, job, job, counted, location, groups, notes);
      }
      long before = summary.deadLetters() - inJobs;
      add(context, BEFORE_ANY_JOB, "_run", before, runLocation, groups, notes);
      if (summary.deadLetters() == 0) {
        notes.add("No dead letters.");
      }
      groups.sort(Comparator.comparingLong(ReportPage.LetterGroup::count).reversed());
      return new DeadLetterGroups(groups, notes);
    }

    private static void add(
        Context context,
        String job,
        String folder,
        long counted,
        Optional<String> location,
        List<ReportPage.LetterGroup> groups,
        List<String> notes)
        throws IOException {
      if (counted <= 0) {
        return;
      }
      if (location.isEmpty()) {
        notes.add(
            job
                + ": "
                + counted
                + " dead letter(s), only logged: no dead-letter location"
                + " is configured (deadLetters in klio.yaml).");
        return;
      }
      DeadLetterFiles.Found found =
          DeadLetterFiles.read(
              location.get(), folder, context.started().toEpochMilli(), LETTERS_READ);
      Map<String, List<String>> byReason = new LinkedHashMap<>();
      for (DeadLetterFiles.Letter letter : found.letters()) {
        String reason = letter.summary();
        byReason.computeIfAbsent(reason, r -> new ArrayList<>()).add(letter.element());
      }
      byReason.forEach(
          (reason, ids) ->
              groups.add(
                  new ReportPage.LetterGroup(
                      job, reason, ids.size(), ids.subList(0, Math.min(3, ids.size())))));
      if (found.unread() > 0) {
        notes.add(
            job
                + ": grouped the first "
                + found.letters().size()
                + " letters; "
                + found.unread()
                + " more are in "
                + location.get()
                + "/"
                + folder
                + ".");
      } else if (found.letters().size() < counted) {
        notes.add(
            job
                + ": "
                + counted
                + " dead letter(s) counted, "
                + found.letters().size()
                + " found in "
                + location.get()
                + "/"
                + folder
                + " (a letter for the same element"
                + " replaces the one before).");
      }
    }
  }
}
