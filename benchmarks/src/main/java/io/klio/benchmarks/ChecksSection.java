package io.klio.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Per-element cost of Klio's own checks, measured with JMH in a forked JVM. */
final class ChecksSection implements Section {
  /** The checks every element goes through at every job of a whole-DAG run, in that order. */
  private static final Map<String, String> CHECKS =
      Map.of(
          "recipientCheck", "recipient check",
          "cycleGuard", "cycle guard (visits of this job)",
          "elementIdCheck", "element id check",
          "renderLocation", "render the output location",
          "auditAndPassOn", "audit entry and pass the message on");

  @Override
  public String name() {
    return "checks";
  }

  @Override
  public String title() {
    return "per-element cost of Klio's own checks (JMH, average time per element)";
  }

  @Override
  public List<Row> run(Context context) throws Exception {
    Options options =
        new OptionsBuilder()
            .include(KlioChecksBenchmark.class.getName() + "\\.")
            .forks(1)
            .warmupIterations(context.quick() ? 2 : 3)
            .warmupTime(TimeValue.milliseconds(context.quick() ? 300 : 1000))
            .measurementIterations(context.quick() ? 3 : 5)
            .measurementTime(TimeValue.milliseconds(context.quick() ? 300 : 1000))
            .verbosity(VerboseMode.SILENT)
            .build();
    Map<String, Double> nanos = new HashMap<>();
    for (RunResult result : new Runner(options).run()) {
      String method = result.getParams().getBenchmark();
      nanos.put(
          method.substring(method.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
    }
    List<Row> rows = new ArrayList<>();
    rows.add(figure("parse a message (Klio's wire format)", nanos.get("parseMessage")));
    rows.add(figure("encode a message", nanos.get("encodeMessage")));
    double perJob = 0;
    for (Map.Entry<String, String> check : CHECKS.entrySet()) {
      perJob += nanos.get(check.getKey());
      rows.add(figure(check.getValue(), nanos.get(check.getKey())));
    }
    rows.add(
        Row.ratio(
            "skip check, batches of "
                + KlioChecksBenchmark.BATCH
                + " local outputs: Klio's batched check / Files.exists per output",
            nanos.get("skipCheckKlio") / 1000,
            nanos.get("skipCheckFilesExists") / 1000,
            "us",
            Double.NaN));
    rows.add(figure("all checks that need no store, per element and job", perJob));
    return rows;
  }

  private static Row figure(String measure, double nanos) {
    return Row.figure(measure, String.format(Locale.ROOT, "%,.0f ns", nanos), "", Row.Verdict.NONE);
  }
}
