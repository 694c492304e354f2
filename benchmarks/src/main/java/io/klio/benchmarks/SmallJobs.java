package io.klio.benchmarks;

import io.klio.annotations.ElementId;
import io.klio.annotations.Input;
import io.klio.annotations.KlioJob;
import io.klio.annotations.Output;

/**
 * Six jobs that compute almost nothing, so that a run measures the framework: a chain, a fan-out
 * and a job with two parents.
 *
 * <pre>
 * seed ─┬─ upper ── reverse ─┬─ combine ── digest
 *       └─ length ───────────┘
 * </pre>
 */
public final class SmallJobs {
  private SmallJobs() {}

  @KlioJob(name = "seed")
  @Output(location = "${data}/seed/{id}.txt")
  public static String seed(@ElementId String id) {
    return "seed of " + id;
  }

  @KlioJob(name = "upper", parents = "seed")
  @Output(location = "${data}/upper/{id}.txt")
  public static String upper(@Input String seed) {
    return seed.toUpperCase(java.util.Locale.ROOT);
  }

  @KlioJob(name = "length", parents = "seed")
  @Output(location = "${data}/length/{id}.json")
  public static int length(@Input String seed) {
    return seed.length();
  }

  @KlioJob(name = "reverse", parents = "upper")
  @Output(location = "${data}/reverse/{id}.txt")
  public static String reverse(@Input String upper) {
    return new StringBuilder(upper).reverse().toString();
  }

  @KlioJob(
      name = "combine",
      parents = {"reverse", "length"})
  @Output(location = "${data}/combine/{id}.txt")
  public static String combine(
      @Input(from = "reverse") String reversed, @Input(from = "length") int length) {
    return reversed + " " + length;
  }

  @KlioJob(name = "digest", parents = "combine")
  @Output(location = "${data}/digest/{id}.txt")
  public static String digest(@Input String combined) {
    return Integer.toHexString(combined.hashCode());
  }
}
