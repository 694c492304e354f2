package io.klio.runners;

import java.util.List;

/** The sample DAG on Beam's FlinkRunner, in an in-process Flink mini-cluster. */
class FlinkDagTest extends RunnerDagContract {
  @Override
  List<String> runnerArgs() {
    return List.of("--runner=FlinkRunner", "--flinkMaster=[local]");
  }

  @Override
  String runnerName() {
    return "FlinkRunner";
  }
}
