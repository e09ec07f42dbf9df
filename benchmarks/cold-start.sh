#!/usr/bin/env bash
# Whole-process cold start: fresh JVM -> client built -> first tracking answer (token fetch
# included), Shipbridge (USPS adapter) and a raw OkHttp + Jackson client, in alternating pairs.
# Wall and CPU (user + sys, from /usr/bin/time) per process: on a busy machine quote the CPU.
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

run() { # prints the wall and the CPU (user + sys) milliseconds of one whole process
  local t0 t1 cpu
  t0=$(date +%s%N)
  cpu=$( { /usr/bin/time -f '%U %S' java -cp "$cp" dev.shipbridge.benchmarks.ColdStartMain "$1" "$url" "$number" >/dev/null; } 2>&1 | tail -1)
  t1=$(date +%s%N)
  echo "$(( (t1 - t0) / 1000000 )) $(awk -v u="${cpu% *}" -v s="${cpu#* }" 'BEGIN {printf "%d", (u + s) * 1000}')"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

run sdk >/dev/null; run raw >/dev/null # warm the page cache, not counted
sdk=(); raw=(); ratios=(); sdkcpu=(); rawcpu=(); cpuratios=()
for i in $(seq 1 "$pairs"); do
  read -r s sc < <(run sdk); read -r r rc < <(run raw)
  sdk+=("$s"); raw+=("$r"); ratios+=("$(awk -v s="$s" -v r="$r" 'BEGIN {printf "%.3f", s / r}')")
  sdkcpu+=("$sc"); rawcpu+=("$rc"); cpuratios+=("$(awk -v s="$sc" -v r="$rc" 'BEGIN {printf "%.3f", s / r}')")
  echo "pair $i: sdk $s ms (CPU $sc ms), raw $r ms (CPU $rc ms)"
done
for mode in sdk raw; do
  classes=$(java -Xlog:class+load -cp "$cp" dev.shipbridge.benchmarks.ColdStartMain "$mode" "$url" "$number" | grep -c 'class,load')
  echo "$mode classes loaded: $classes"
done
echo "median wall: sdk $(printf '%s\n' "${sdk[@]}" | median) ms, raw $(printf '%s\n' "${raw[@]}" | median) ms, sdk/raw (pair by pair) $(printf '%s\n' "${ratios[@]}" | median)"
echo "median CPU (user + sys): sdk $(printf '%s\n' "${sdkcpu[@]}" | median) ms, raw $(printf '%s\n' "${rawcpu[@]}" | median) ms, sdk/raw (pair by pair) $(printf '%s\n' "${cpuratios[@]}" | median)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
