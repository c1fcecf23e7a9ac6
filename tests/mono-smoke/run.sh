#!/usr/bin/env bash
# Mono smoke of the artifact that ships (issue 10): the net472 OrchPatch.Activities.dll, with its real dependency set
# (the net472 build output: OrchPatch.Core.dll, Polly.dll), run under Mono by the activity harness (OrchPatch.MonoSmoke.exe),
# drains and restores RB01 of a simulator running as a separate process (orchpatch simulate, at 10x speed). The throttle
# is aspt.exe: a stand-in script that sets max jobs through the simulator's control endpoint.
# Usage: tests/mono-smoke/run.sh   (needs mono and curl; exits 0 when every check passed, 1 otherwise)
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$(date +%s)

for tool in mono curl dotnet; do
  command -v "$tool" >/dev/null 2>&1 || { echo "mono smoke: '$tool' is not installed"; exit 1; }
done
mono --version | head -1

echo "== mono smoke: building the net472 driver (with OrchPatch.Activities net472) and orchpatch"
dotnet build tests/mono-smoke --nologo -v q -clp:ErrorsOnly
dotnet build src/OrchPatch.Cli --nologo -v q -clp:ErrorsOnly

work=$(mktemp -d)
sim_pid=""
cleanup() {
  if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== mono smoke: starting the simulator (a separate process)"
dotnet src/OrchPatch.Cli/bin/Debug/net10.0/orchpatch.dll simulate --port 0 --speed 10 --idle --scenario tests/mono-smoke/farm.json >"$work/simulator.log" 2>&1 &
sim_pid=$!
base=""
for _ in $(seq 1 120); do
  base=$(grep -o 'listening on http://[^ ]*' "$work/simulator.log" | head -1 | sed 's/listening on //') || true
  [ -n "$base" ] && break
  kill -0 "$sim_pid" 2>/dev/null || { cat "$work/simulator.log"; echo "mono smoke: the simulator did not start"; exit 1; }
  sleep 0.5
done
[ -n "$base" ] || { cat "$work/simulator.log"; echo "mono smoke: the simulator did not say where it listens"; exit 1; }
echo "simulator at $base"

# aspt.exe SERVER MAXJOBS, as the real one is called; this one sets the simulator's value and fails like aspt.exe does.
cat >"$work/aspt.exe" <<ASPT
#!/bin/sh
curl -sS -f -X PUT -H 'Content-Type: application/json' -d "{\"maxJobs\":\$2}" "${base%/}/_simulator/servers/\$1/maxjobs" >/dev/null || { echo "aspt stand-in: could not set max jobs of \$1" >&2; exit 1; }
ASPT
chmod +x "$work/aspt.exe"

echo "== mono smoke: Drain and Restore under Mono"
status=0
mono --debug tests/mono-smoke/bin/Debug/net472/OrchPatch.MonoSmoke.exe "$base" "$work/aspt.exe" RB01 || status=$?
echo "== mono smoke: $( [ $status = 0 ] && echo passed || echo FAILED ) in $(( $(date +%s) - started ))s"
exit $status
