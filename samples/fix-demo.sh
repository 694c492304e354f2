#!/usr/bin/env bash
# Provenance on the demo's outputs (run samples/demo.sh first): "fixes" the beat-tracking job, a
# one-line change to its method (the confidence rounded to 2 digits instead of 3), rebuilds the
# samples, and runs
#   plan --stale      what a run would recompute: beat-tracking, and energy below it; nothing else
#   lineage           why one energy output is stale: the provenance tree of what it was made from
#   run --stale       recomputes exactly those outputs
# The change is undone and the samples rebuilt at the end; the outputs then are those of the fix,
# so a second `run --stale` recomputes them back.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(realpath -m "${1:-samples/target/klio-demo}")
src=samples/src/main/java/io/klio/samples/AudioJobs.java
[ -f "$dir/ids.txt" ] || { echo "no demo outputs in $dir: run samples/demo.sh first" >&2; exit 2; }
cp "$src" "$src.before-fix"
undo() {
  mv "$src.before-fix" "$src"
  echo "fix undone; rebuilding the samples as they were"
  mvn -B -q -Dstyle.color=never install -DskipTests -pl samples -am
}
trap undo EXIT
sed -i 's/round(beats.confidence(), 3)/round(beats.confidence(), 2)/' "$src"
grep -q 'round(beats.confidence(), 2)' "$src" || { echo "the fix did not apply to $src" >&2; exit 1; }
echo "fixed beat-tracking in $src; rebuilding the samples"
mvn -B -q -Dstyle.color=never install -DskipTests -pl samples -am
jar=$(ls samples/target/klio-samples-*-all.jar)
java -jar "$jar" plan --dag --ids "$dir/ids.txt" --var data="$dir" --stale
java -jar "$jar" lineage --job energy --id track-0000 --var data="$dir"
java -jar "$jar" run --dag --ids "$dir/ids.txt" --var data="$dir" --stale
