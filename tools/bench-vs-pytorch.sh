#!/usr/bin/env bash
# Alternates the Java training-step bench with the same step in PyTorch eager on this machine,
# so that the two are compared under the same load (a shared host's speed moves by ±30 % within
# minutes). Prints one line per round and the medians at the end.
#
#   tools/bench-vs-pytorch.sh [ROUNDS] [PYTHON]
#
# Needs the built app (mvn -q -B -DskipTests package) and a Python with torch (CPU), numpy and
# pillow, e.g. python3 -m venv /tmp/tv && /tmp/tv/bin/pip install torch numpy pillow.
# Setting: ResNet-18 DeepLabv3+, 4 labeled + 4 unlabeled 128² crops, K=5, 2 threads. The
# "of matmul" figures divide the step's convolution GFLOP (from the Java bench) by its time and
# by the dense matmul rate the Java bench measured in the same round; the "convs" figures divide
# the convolutions' own work by their own time, each side under its own profiler.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
py=${2:-python3}
jar=target/pc2seg-studio.jar
[ -f "$jar" ] || { echo "build first: mvn -q -B -DskipTests package" >&2; exit 1; }
"$py" -c 'import torch, numpy, PIL' 2>/dev/null || { echo "$py lacks torch, numpy or pillow" >&2; exit 1; }
java_ms=(); torch_ms=()
for r in $(seq 1 "$rounds"); do
  out=$(java -XX:MaxNewSize=64m -jar "$jar" bench --backbone resnet18 --batch 4 --crop 128 \
        --classes 5 --measure 20 2>/dev/null)
  j=$(sed -n 's/^train step: \([0-9.]*\) ms$/\1/p' <<<"$out")
  gflop=$(sed -n 's/^achieved: .* (\([0-9.]*\) GFLOP per step.*$/\1/p' <<<"$out")
  mm=$(sed -n 's/^achieved: .* vs matmul \([0-9.]*\) GFLOP\/s.*$/\1/p' <<<"$out")
  jc=$(sed -n 's/^convolutions alone: .* (\([0-9.]*\) of matmul)$/\1/p' <<<"$out")
  tout=$("$py" tools/torch-step-bench.py --threads 2 --measure 20)
  t=$(sed -n 's/^train step: \([0-9.]*\) ms$/\1/p' <<<"$tout")
  tcms=$(sed -n 's/^convolutions alone: \([0-9.]*\) ms per step.*$/\1/p' <<<"$tout")
  tcg=$(sed -n 's/^convolutions alone: .* \([0-9.]*\) GFLOP$/\1/p' <<<"$tout")
  awk -v r="$r" -v j="$j" -v t="$t" -v g="$gflop" -v m="$mm" -v jc="$jc" -v tcms="$tcms" \
      -v tcg="$tcg" 'BEGIN{
    printf "round %s: java %s ms (%.2f of matmul; convs %.2f), pytorch %s ms (%.2f of matmul;" \
      " convs %.2f), java/pytorch %.3f\n", r, j, g / (j / 1000) / m, jc, t, g / (t / 1000) / m,
      tcg / (tcms / 1000) / m, j / t }'
  java_ms+=("$j"); torch_ms+=("$t")
done
med() { sort -n | awk '{a[NR]=$1} END{n=NR; print (n%2 ? a[(n+1)/2] : (a[n/2]+a[n/2+1])/2)}'; }
echo "java median:    $(printf '%s\n' "${java_ms[@]}" | med) ms"
echo "pytorch median: $(printf '%s\n' "${torch_ms[@]}" | med) ms"
