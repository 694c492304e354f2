package io.klio.benchmarks;

import java.nio.file.Path;
import java.util.List;

/**
 * Start-up: {@code java} start to exit for one element of one job ({@code Klio run --job seed --id
 * ...}, bottom-up, so only {@code seed} runs) against a plain Beam pipeline of one {@code DoFn}
 * doing the same ({@link HandWrittenOneJob}), both on the DirectRunner.
 */
final class StartupSection implements Section {
  @Override
  public String name() {
    return "startup";
  }

  @Override
  public String title() {
    return "one element of one job, java start to exit, against a plain Beam pipeline of one DoFn,"
        + " DirectRunner";
  }

  @Override
  public List<Row> run(Context context) throws Exception {
    Path klioData = context.work().resolve("klio");
    Path handData = context.work().resolve("hand");
    Measured[] runs =
        Measured.sideBySide(
            context.quick() ? 3 : 5,
            () ->
                run(
                    context,
                    klioData,
                    List.of(
                        "io.klio.runtime.Klio",
                        "run",
                        "--job",
                        "seed",
                        "--mode",
                        "bottom-up",
                        "--id",
                        "track-1",
                        "--var",
                        "data=" + klioData)),
            () ->
                run(
                    context,
                    handData,
                    List.of(HandWrittenOneJob.class.getName(), "track-1", handData.toString())));
    DagSection.requireSameOutputs(klioData, handData);
    return List.of(
        Row.ratio(
            "one element of one job: wall",
            runs[0].wallSeconds(),
            runs[1].wallSeconds(),
            "s",
            Double.NaN),
        Row.ratio(
            "one element of one job: CPU",
            runs[0].cpuSeconds(),
            runs[1].cpuSeconds(),
            "s",
            Double.NaN),
        Row.ratio(
            "one element of one job: peak RSS",
            runs[0].peakRssMib(),
            runs[1].peakRssMib(),
            "MiB",
            Double.NaN));
  }

  private static Measured run(Context context, Path data, List<String> main) throws Exception {
    Folders.delete(data);
    java.util.List<String> command =
        new java.util.ArrayList<>(List.of(Context.java(), "-cp", Context.classPath()));
    command.addAll(main);
    return Measured.run(
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD))
        .requireSuccess(main.get(0));
  }
}
