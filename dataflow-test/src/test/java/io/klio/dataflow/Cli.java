package io.klio.dataflow;

import io.klio.runtime.Klio;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the klio command line in this JVM and keeps its exit status and output. */
record Cli(int status, String out, String err) {
  static Cli run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    long started = System.nanoTime();
    int status =
        Klio.execute(
            new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    System.out.printf(
        "klio %s -> %d in %.1fs%n%s%s",
        String.join(" ", args), status, (System.nanoTime() - started) / 1e9, out, err);
    return new Cli(status, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + status + "\n--- out\n" + out + "--- err\n" + err;
  }
}
