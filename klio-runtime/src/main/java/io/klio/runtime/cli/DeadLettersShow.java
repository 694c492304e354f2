package io.klio.runtime.cli;

import io.klio.runtime.cli.RunCommand.UsageException;
import io.klio.runtime.deadletter.LetterFiles;
import io.klio.runtime.deadletter.LetterStore;
import io.klio.runtime.deadletter.StoredLetter;
import io.klio.runtime.message.KlioMessages;
import io.klio.runtime.message.MalformedMessageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code deadletters show}: one letter whole: reason with its trace, the decoded message. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Prints one dead letter whole: job, element, attempts, time, the reason with its full"
          + " trace, and the original Klio message decoded (recipients, force, ping, audit log)."
          + " Give --job and --id, or --file for any letter (one of bytes without an element id,"
          + " say). Unknown --flags are Beam options."
    })
public final class DeadLettersShow implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Option(names = "--job", paramLabel = "NAME", description = "The letter's job.")
  String job;

  @Option(names = "--id", paramLabel = "ID", description = "The letter's element id.")
  String id;

  @Option(names = "--file", paramLabel = "FILE", description = "The letter's file.")
  String file;

  @Option(
      names = "--location",
      paramLabel = "L",
      description = "The dead-letter location to look in instead of the config's.")
  String location;

  @Mixin ConfigOptions configOptions = new ConfigOptions();

  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    if ((file == null) == (job == null || id == null)) {
      throw new UsageException("give --job NAME and --id ID, or --file FILE");
    }
    LetterContext context = LetterContext.load(configOptions, beamArgs, command);
    String letterFile = file != null ? file : fileOf(context);
    Optional<StoredLetter> letter = LetterStore.read(letterFile, Optional.empty());
    if (letter.isEmpty()) {
      err.println("klio deadletters show: no dead letter at " + letterFile);
      return ExitCodes.FAILED;
    }
    out.print(describe(letter.get()));
    out.flush();
    return ExitCodes.OK;
  }

  private String fileOf(LetterContext context) {
    RunSelection.checkKnown(context.graph, List.of(job));
    String where =
        context
            .locationOf(job, location)
            .orElseThrow(
                () ->
                    new UsageException(
                        "no dead-letter location for job '"
                            + job
                            + "': set deadLetters in klio.yaml or give"
                            + " --location"));
    return LetterFiles.file(where, job, id, null);
  }

  static String describe(StoredLetter letter) {
    StringBuilder text = new StringBuilder();
    text.append("file:     ").append(letter.file()).append('\n');
    text.append("job:      ").append(LetterReport.job(letter.job())).append('\n');
    text.append("element:  ")
        .append(letter.element() == null ? "(none)" : letter.element())
        .append('\n');
    text.append("attempts: ").append(letter.attempts()).append('\n');
    text.append("time:     ").append(letter.time()).append('\n');
    text.append("summary:  ").append(letter.summary()).append('\n');
    text.append("reason:\n");
    letter
        .reason()
        .stripTrailing()
        .lines()
        .forEach(line -> text.append("  ").append(line).append('\n'));
    text.append("message (").append(letter.message().length).append(" bytes):\n");
    String message;
    try {
      message = KlioMessages.describe(KlioMessages.parse(letter.message()));
    } catch (MalformedMessageException e) {
      message =
          "not a Klio message: "
              + e.getMessage()
              + "\nbase64: "
              + Base64.getEncoder().encodeToString(letter.message())
              + "\n";
    }
    message.lines().forEach(line -> text.append("  ").append(line).append('\n'));
    return text.toString();
  }
}
