#!/usr/bin/env bash
# Runs the sample audio DAG end to end on local files: synthesise a catalogue with ground truth,
# run every job on the DirectRunner, print the results per track (measured bpm is '-' when the beat
# tracker's confidence, column conf, is below Beats.BEAT_THRESHOLD = 0.12) and the path of the run's
# report page. Build first: mvn install.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(realpath -m "${1:-samples/target/klio-demo}")
jar=$(ls samples/target/klio-samples-*-all.jar)
java -cp "$jar" io.klio.samples.SampleCatalogue generate "$dir" "${TRACKS:-8}" "${SECONDS_PER_TRACK:-20}"
java -jar "$jar" dag
java -jar "$jar" run --dag --ids "$dir/ids.txt" --var data="$dir" --report "$dir/report.html"
java -cp "$jar" io.klio.samples.SampleCatalogue report "$dir"
echo "outputs in $dir (spectrograms, labelled 384 px figures: $dir/spectrograms/*.png)"
echo "report page (open it in any browser): $dir/report.html"
