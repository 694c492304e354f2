package io.klio.runners;

import java.util.List;

/** The sample DAG on Beam's SparkRunner, in a local Spark context with two threads. */
class SparkDagTest extends RunnerDagContract {
  @Override
  List<String> runnerArgs() {
    return List.of("--runner=SparkRunner", "--sparkMaster=local[2]");
  }

  @Override
  String runnerName() {
    return "SparkRunner";
  }
}
