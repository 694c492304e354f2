package io.klio.runtime.cli;

import io.klio.runtime.Klio;
import io.klio.runtime.cli.RunCommand.UsageException;
import io.klio.runtime.deadletter.LetterFiles;
import io.klio.runtime.deadletter.LetterStore;
import io.klio.runtime.deadletter.StoredLetter;
import io.klio.runtime.pubsub.PubsubEndpoint;
import io.klio.runtime.pubsub.PubsubNames;
import io.klio.runtime.storage.Locations;
import io.klio.runtime.storage.RequestCounter;
import io.klio.runtime.storage.Storage;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code deadletters replay}: takes the selected letters' elements through their jobs again, once
 * the cause is fixed. A letter is archived under {@code _replayed} before its element runs, so that
 * a fresh failure leaves a fresh letter beside no old one; if the run as a whole fails, the letters
 * that got no fresh one are put back.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Re-runs the elements of the selected dead letters through their jobs. A job without"
          + " events.inputSubscription in klio.yaml runs as 'run --job X --id ...' would"
          + " (bottom-up: missing inputs are made first), in this process, with the same config,"
          + " --var and Beam flags; a job with one (per-job mode) gets the original message bytes"
          + " republished to its events.inputTopic.",
      "Each replayed letter is moved to <location>/_replayed/<job>/<name>-<time>.json; an"
          + " element that fails again gets a fresh letter. Exit status: 0 all replayed (or none"
          + " selected), 3 some failed again, 1 the run or the publishing failed, 2 bad"
          + " arguments."
    })
public final class DeadLettersReplay implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Mixin LetterFilter filter = new LetterFilter();

  @Mixin ConfigOptions configOptions = new ConfigOptions();

  @Option(
      names = "--dry-run",
      description = "Print what would be replayed, and how; change" + " nothing.")
  boolean dryRun;

  @Option(
      names = "--pubsub-root-url",
      paramLabel = "URL",
      description = "Per-job mode: the Pub/Sub emulator, http://HOST:PORT.")
  String pubsubRootUrl;

  @Unmatched List<String> beamArgs = new ArrayList<>();

  /** A letter taken out of the live folder, and where it went. */
  private record Archived(StoredLetter letter, String archive) {}

  @Override
  public Integer call() throws IOException {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    LetterContext context = LetterContext.load(configOptions, beamArgs, command);
    Map<String, List<StoredLetter>> byJob = select(context, out);
    if (byJob.isEmpty()) {
      out.println("klio deadletters replay: no dead letters to replay" + filter.describe());
      out.flush();
      return ExitCodes.OK;
    }
    Map<String, String> topics = new LinkedHashMap<>();
    for (String job : byJob.keySet()) {
      if (context.perJob(job)) {
        topics.put(job, inputTopic(context, job));
      }
    }
    if (dryRun) {
      byJob.forEach((job, letters) -> out.println(plan(job, letters, topics.get(job))));
      out.flush();
      return ExitCodes.OK;
    }
    int status = ExitCodes.OK;
    for (Map.Entry<String, List<StoredLetter>> job : byJob.entrySet()) {
      int jobStatus =
          topics.containsKey(job.getKey())
              ? republish(context, job.getKey(), job.getValue(), topics.get(job.getKey()), out, err)
              : rerun(context, job.getKey(), job.getValue(), out, err);
      status = worse(status, jobStatus);
    }
    out.flush();
    return status;
  }

  /** The selected letters by job, in the DAG's order; letters no job can take are reported. */
  private Map<String, List<StoredLetter>> select(LetterContext context, PrintWriter out)
      throws IOException {
    Map<String, List<StoredLetter>> byJob = new LinkedHashMap<>();
    for (LetterContext.Folder folder : context.folders(filter.jobs, null)) {
      List<StoredLetter> letters =
          LetterStore.readAll(
              LetterStore.list(folder.path(), RequestCounter.NONE), RequestCounter.NONE);
      for (StoredLetter letter : letters) {
        if (!filter.test(letter)) {
          continue;
        }
        boolean noElement = letter.element() == null || letter.element().isEmpty();
        if (folder.job().isEmpty() || (noElement && !context.perJob(folder.job()))) {
          out.println(
              "klio deadletters replay: skipped "
                  + letter.file()
                  + ": "
                  + (folder.job().isEmpty()
                      ? "no job took it (" + letter.summary() + ")"
                      : "no element id to run"));
          continue;
        }
        byJob.computeIfAbsent(folder.job(), j -> new ArrayList<>()).add(letter);
      }
    }
    return byJob;
  }

  private static String inputTopic(LetterContext context, String job) {
    return context
        .config
        .jobs()
        .get(job)
        .events()
        .inputTopic()
        .map(t -> PubsubNames.topic("jobs." + job + ".events.inputTopic", t))
        .orElseThrow(
            () ->
                new UsageException(
                    "job '"
                        + job
                        + "' runs in per-job mode"
                        + " (events.inputSubscription) but has no events.inputTopic to replay to in "
                        + context.config.source()));
  }

  private static String plan(String job, List<StoredLetter> letters, String topic) {
    List<String> ids = new ArrayList<>();
    letters.forEach(letter -> ids.add(letter.element() == null ? "(none)" : letter.element()));
    return "would replay "
        + letters.size()
        + " letter(s) of "
        + job
        + ": "
        + (topic != null ? "republish to " + topic : "run --job " + job)
        + " for "
        + String.join(", ", ids);
  }

  /** Whole-DAG mode: {@code run --job X --id ...} in this process, then a look at the outputs. */
  private int rerun(
      LetterContext context,
      String job,
      List<StoredLetter> letters,
      PrintWriter out,
      PrintWriter err)
      throws IOException {
    List<Archived> archived = archive(context, job, letters);
    List<String> args = new ArrayList<>(List.of("run", "--job", job));
    for (Archived a : archived) {
      args.add("--id");
      args.add(a.letter().element());
    }
    if (configOptions.given()) {
      args.add("--config");
      args.add(configOptions.file);
    }
    configOptions.variables.forEach(
        (name, value) -> {
          args.add("--var");
          args.add(name + "=" + value);
        });
    args.addAll(beamArgs);
    out.printf(
        "klio deadletters replay: %d letter(s) of %s: %s%n",
        archived.size(),
        job,
        String.join(" ", args.subList(0, 3)) + " --id ... (" + archived.size() + " id(s))");
    out.flush();
    int status = Klio.execute(out, err, args.toArray(String[]::new));
    if (status == ExitCodes.FAILED || status == ExitCodes.USAGE) {
      restore(archived, out);
      return status;
    }
    String output = context.graph.job(job).output().location();
    List<String> succeeded = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (Archived a : archived) {
      String id = a.letter().element();
      String rendered = Locations.render(output, id, context.config.variables());
      if (Storage.exists(rendered)) {
        succeeded.add(id);
      } else {
        failed.add(
            id
                + (Storage.exists(a.letter().file())
                    ? " (fresh letter " + a.letter().file() + ")"
                    : " (no fresh letter of " + job + ": an ancestor failed for it)"));
      }
    }
    out.printf(
        "klio deadletters replay: %s: %d replayed, %d succeeded, %d failed again%n",
        job, archived.size(), succeeded.size(), failed.size());
    succeeded.forEach(id -> out.println("  succeeded:    " + id));
    failed.forEach(id -> out.println("  failed again: " + id));
    return failed.isEmpty() ? ExitCodes.OK : ExitCodes.DEAD_LETTERS;
  }

  /** Per-job mode: the original bytes back on the job's input topic, for its pipeline. */
  private int republish(
      LetterContext context,
      String job,
      List<StoredLetter> letters,
      String topic,
      PrintWriter out,
      PrintWriter err)
      throws IOException {
    try (PubsubEndpoint endpoint = PubsubEndpoint.resolve(pubsubRootUrl, context.pipelineArgs)) {
      List<Archived> archived = archive(context, job, letters);
      List<byte[]> messages = new ArrayList<>();
      archived.forEach(a -> messages.add(a.letter().message()));
      try {
        PublishCommand.publish(endpoint, topic, messages);
      } catch (PublishCommand.PublishException e) {
        err.println("klio deadletters replay: " + e.getMessage());
        restore(archived, out);
        return ExitCodes.FAILED;
      }
      out.printf(
          "klio deadletters replay: %s: republished %d message(s) to %s (%s); the job's"
              + " pipeline takes them from there, and an element that fails again gets a fresh"
              + " letter%n",
          job, messages.size(), topic, endpoint);
      return ExitCodes.OK;
    }
  }

  /** Moves each letter to {@code _replayed}, before its element runs again. */
  private static List<Archived> archive(
      LetterContext context, String job, List<StoredLetter> letters) throws IOException {
    Instant now = Instant.now();
    String location = context.locationOf(job, null).orElseThrow();
    List<Archived> archived = new ArrayList<>();
    for (StoredLetter letter : letters) {
      String archive = LetterFiles.archive(location, job, letter.file(), now);
      LetterStore.move(letter.file(), archive);
      archived.add(new Archived(letter, archive));
    }
    return archived;
  }

  /** After a failed run: back to the live folder, where no fresh letter took the place. */
  private static void restore(List<Archived> archived, PrintWriter out) throws IOException {
    int restored = 0;
    for (Archived a : archived) {
      if (!Storage.exists(a.letter().file())) {
        LetterStore.move(a.archive(), a.letter().file());
        restored++;
      }
    }
    out.printf("klio deadletters replay: the replay failed; %d letter(s) put back%n", restored);
  }

  private static int worse(int a, int b) {
    return rank(b) > rank(a) ? b : a;
  }

  private static int rank(int status) {
    return switch (status) {
      case ExitCodes.OK -> 0;
      case ExitCodes.DEAD_LETTERS -> 1;
      case ExitCodes.FAILED -> 2;
      default -> 3;
    };
  }
}
