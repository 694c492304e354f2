package io.klio.runtime.cli;

import io.klio.runtime.cli.RunCommand.UsageException;
import io.klio.runtime.deadletter.LetterStore;
import io.klio.runtime.deadletter.StoredLetter;
import io.klio.runtime.storage.FolderListing;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code deadletters list}: how many letters, by job and by reason, and the newest of them. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "Counts the dead letters in the config's dead-letter locations (the run's and each job's)"
          + " or in --location, by job and by reason (the reason's first line, the letter's"
          + " element id shown as {id}), and lists the newest. Each job's folder is listed once"
          + " (on S3 one request per 1,000 letters); the reasons are inside the letters, so each"
          + " letter is read too (one request each), unless --counts-only. Unknown --flags are"
          + " Beam options (an S3 endpoint, say)."
    })
public final class DeadLettersList implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Mixin LetterFilter filter = new LetterFilter();

  @Mixin ConfigOptions configOptions = new ConfigOptions();

  @Mixin OutputFormat format = new OutputFormat();

  @Option(
      names = "--location",
      paramLabel = "L",
      description = "A dead-letter location to read instead of the config's.")
  String location;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description = "Letters listed, newest first (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--counts-only",
      description =
          "Counts by job from the listings alone: no letter"
              + " is read, so no reasons and no letters.")
  boolean countsOnly;

  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    boolean json = format.json();
    if (limit < 0) {
      throw new UsageException("--limit " + limit + ": use 0 or more");
    }
    if (countsOnly && filter.readsLetters()) {
      throw new UsageException(
          "--counts-only reads no letter: it cannot select by --id or" + " --reason");
    }
    LetterContext context = LetterContext.load(configOptions, beamArgs, command);
    LetterReport report = report(context);
    out.print(json ? report.json() : report.text(countsOnly));
    if (!json && report.total() == 0) {
      out.println("no dead letters" + filter.describe());
    }
    out.flush();
    return ExitCodes.OK;
  }

  private LetterReport report(LetterContext context) throws IOException {
    AtomicLong listings = new AtomicLong();
    AtomicLong reads = new AtomicLong();
    Map<String, Long> counts = new LinkedHashMap<>();
    List<StoredLetter> letters = new ArrayList<>();
    for (LetterContext.Folder folder : context.folders(filter.jobs, location)) {
      List<FolderListing.Entry> files = LetterStore.list(folder.path(), listings::addAndGet);
      if (countsOnly) {
        if (!files.isEmpty()) {
          counts.put(LetterReport.job(folder.job()), (long) files.size());
        }
        continue;
      }
      for (StoredLetter letter : LetterStore.readAll(files, reads::addAndGet)) {
        if (filter.test(letter)) {
          letters.add(letter);
          counts.merge(LetterReport.job(folder.job()), 1L, Long::sum);
        }
      }
    }
    letters.sort(
        java.util.Comparator.comparing(StoredLetter::time)
            .reversed()
            .thenComparing(StoredLetter::file));
    return new LetterReport(counts, letters, limit, listings.get(), reads.get());
  }
}
