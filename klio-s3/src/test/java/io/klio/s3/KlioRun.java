package io.klio.s3;

import io.klio.runtime.Klio;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One {@code klio} command's exit status and output, with its counters table parsed. */
final class KlioRun {
  final int status;
  final String out;
  final String err;
  private final Map<String, Map<String, Long>> table = new HashMap<>();

  KlioRun(int status, String out, String err) {
    this.status = status;
    this.out = out;
    this.err = err;
    List<String> columns = null;
    for (String line : out.split("\n")) {
      String[] cells = line.trim().split("\\s+");
      if (cells.length > 1 && cells[0].equals("job") && cells[1].equals("processed")) {
        columns = List.of(cells);
      } else if (columns != null && cells.length == columns.size() && cells[1].matches("\\d+")) {
        Map<String, Long> row = new HashMap<>();
        for (int i = 1; i < cells.length; i++) {
          row.put(columns.get(i), Long.parseLong(cells[i]));
        }
        table.put(cells[0], row);
      }
    }
  }

  /** Runs the command line in this JVM. */
  static KlioRun inProcess(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    long started = System.nanoTime();
    int status =
        Klio.execute(
            new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    KlioRun run = new KlioRun(status, out.toString(), err.toString());
    System.out.printf(
        "klio %s -> %d in %.1f s%n%s",
        String.join(" ", args), status, (System.nanoTime() - started) / 1e9, run.out);
    return run;
  }

  long count(String job, String counter) {
    if (!table.containsKey(job)) {
      throw new AssertionError("no row for " + job + " in the counters table:\n" + this);
    }
    return table.get(job).get(counter);
  }

  @Override
  public String toString() {
    return "exit " + status + "\n--- out\n" + out + "--- err\n" + err;
  }
}
