#!/usr/bin/env bash
# Whole-process cold start: fresh JVM -> client built -> first tracking answer (token fetch
# included), Shipbridge (USPS adapter) and a raw OkHttp + Jackson client, in alternating pairs.
# See BENCHMARKS.md, "(f) Cold start, whole process". Run from the repository root after
#   mvn -q -pl benchmarks -am package -DskipTests
# Usage: benchmarks/cold-start.sh [pairs]   (default 10)
set -euo pipefail
pairs=${1:-10}
jar=benchmarks/target/shipbridge-benchmarks.jar
cp="benchmarks/target/classes:$(cat benchmarks/target/cold-start.classpath)"
log=$(mktemp)
java -cp "$jar" dev.shipbridge.benchmarks.ColdStartServer 0 >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 120); do grep -q '^ready ' "$log" && break; sleep 0.5; done
read -r _ url number < <(grep '^ready ' "$log")
echo "server (long-lived, its own JVM): $url, tracking number $number; load $(cut -d' ' -f1-3 /proc/loadavg)"

run() { # prints the wall milliseconds of one whole process
  local t0 t1
  t0=$(date +%s%N)
  java -cp "$cp" dev.shipbridge.benchmarks.ColdStartMain "$1" "$url" "$number" >/dev/null
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

run sdk >/dev/null; run raw >/dev/null # warm the page cache, not counted
sdk=(); raw=(); ratios=()
for i in $(seq 1 "$pairs"); do
  s=$(run sdk); r=$(run raw)
  sdk+=("$s"); raw+=("$r"); ratios+=("$(awk -v s="$s" -v r="$r" 'BEGIN {printf "%.3f", s / r}')")
  echo "pair $i: sdk $s ms, raw $r ms"
done
for mode in sdk raw; do
  classes=$(java -Xlog:class+load -cp "$cp" dev.shipbridge.benchmarks.ColdStartMain "$mode" "$url" "$number" | grep -c 'class,load')
  echo "$mode classes loaded: $classes"
done
echo "median wall: sdk $(printf '%s\n' "${sdk[@]}" | median) ms, raw $(printf '%s\n' "${raw[@]}" | median) ms, sdk/raw (pair by pair) $(printf '%s\n' "${ratios[@]}" | median)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
