package io.klio.runtime;

import java.util.List;

/**
 * Runs the whole DAG for a file of ids: {@code run --dag} plus the given options. The main class of
 * the {@code dag-backfill} Flex Template, so it also takes that template's parameters ({@link
 * io.klio.runtime.flex.TemplateParameters}): {@code --ids=gs://bucket/ids-*.txt --force=true}.
 */
public final class DagBackfill {
  private DagBackfill() {}

  public static void main(String... args) {
    System.exit(Klio.executeTemplateMain(List.of("run", "--dag"), args));
  }
}
