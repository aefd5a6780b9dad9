#!/usr/bin/env bash
# Crash soak: render a story with the CLI jar on a throwaway CINBOARD_HOME, kill the render with SIGKILL at
# random moments KILLS times, run it to the end, then check that every media URL in the database names an
# existing, complete file whose SHA-256 matches its content-addressed name (`cinboard media verify`).
#
#   scripts/crash-soak.sh [STORY]        (build the jar first: mvn -B -q package -DskipTests)
#
# Environment: JAR (default target/cinboard.jar), KILLS (20), MIN_DELAY and MAX_DELAY (seconds after start at
# which a run may be killed; 2 and 45), SEED (bash RANDOM seed, for a repeatable sequence), KEEP=1 keeps the
# throwaway home. Exits 0 only when the final run succeeds and the media check finds nothing wrong.
set -u -o pipefail

cd "$(dirname "$0")/.."
STORY=${1:-assets/samples/the-lighthouse-keepers-daughter.fountain}
JAR=${JAR:-target/cinboard.jar}
KILLS=${KILLS:-20}
MIN_DELAY=${MIN_DELAY:-2}
MAX_DELAY=${MAX_DELAY:-45}
RANDOM=${SEED:-$$}

if [[ ! -f "$JAR" ]]; then
    echo "crash-soak: $JAR not found; build it with: mvn -B -q package -DskipTests" >&2
    exit 2
fi
if [[ ! -f "$STORY" ]]; then
    echo "crash-soak: story $STORY not found" >&2
    exit 2
fi

HOME_DIR=$(mktemp -d "${TMPDIR:-/tmp}/cinboard-soak.XXXXXX")
LOGS="$HOME_DIR/soak-logs"
mkdir -p "$LOGS"
export CINBOARD_HOME="$HOME_DIR/home"
cleanup() {
    if [[ "${KEEP:-0}" != 1 ]]; then
        rm -rf "$HOME_DIR"
    else
        echo "crash-soak: kept $HOME_DIR"
    fi
}
trap cleanup EXIT

cinboard() { java -jar "$JAR" "$@"; }

echo "crash-soak: story $STORY, $KILLS kills between ${MIN_DELAY}s and ${MAX_DELAY}s, CINBOARD_HOME=$CINBOARD_HOME"
killed=0 resumed=0 finished_early=0 failed=0 run=0
while ((killed < KILLS)); do
    run=$((run + 1))
    delay=$((MIN_DELAY + RANDOM % (MAX_DELAY - MIN_DELAY + 1)))
    # java itself in the background (not a function, which would be a subshell): $! is the JVM's pid.
    java -jar "$JAR" render "$STORY" >"$LOGS/run-$run.out" 2>"$LOGS/run-$run.err" &
    pid=$!
    # Wait by the clock (a loaded machine makes each short sleep longer), in small steps so a run that ends early
    # is not waited for.
    start=$(date +%s%N)
    while kill -0 "$pid" 2>/dev/null && (($(date +%s%N) - start < delay * 1000000000)); do
        sleep 0.2
    done
    outcome=
    if kill -0 "$pid" 2>/dev/null; then
        kill -9 "$pid"
        elapsed=$((($(date +%s%N) - start) / 1000000000))
        wait "$pid" 2>/dev/null
        killed=$((killed + 1))
        outcome="killed after ${elapsed}s"
    else
        wait "$pid"
        rc=$?
        if ((rc == 0)); then
            finished_early=$((finished_early + 1))
            outcome="finished before the kill"
        else
            failed=$((failed + 1))
            outcome="FAILED with exit $rc: $(tail -n 1 "$LOGS/run-$run.err")"
        fi
    fi
    if grep -q '^Resuming project' "$LOGS/run-$run.err"; then
        resumed=$((resumed + 1))
        outcome="$outcome, resumed $(grep -o 'project [0-9]*' "$LOGS/run-$run.err" | head -n 1)"
    fi
    last=$(tr '\r' '\n' <"$LOGS/run-$run.err" | grep -v '^\s*$' | tail -n 1 | cut -c1-90)
    printf 'run %2d: %s  [last progress: %s]\n' "$run" "$outcome" "$last"
done

run=$((run + 1))
echo "run $run: to the end"
if cinboard render "$STORY" >"$LOGS/run-$run.out" 2>"$LOGS/run-$run.err"; then
    final=ok
else
    final="FAILED: $(tail -n 1 "$LOGS/run-$run.err")"
    failed=$((failed + 1))
fi
if grep -q '^Resuming project' "$LOGS/run-$run.err"; then
    resumed=$((resumed + 1))
fi
grep -E '^final video' "$LOGS/run-$run.out" || true

echo "media check:"
cinboard media verify >"$LOGS/verify.out" 2>"$LOGS/verify.err"
verify_rc=$?
cat "$LOGS/verify.out" "$LOGS/verify.err"
projects=$(cinboard db info 2>/dev/null | awk '$1 == "input_records" {print $2}')

echo
echo "crash-soak summary: $run runs; $killed killed with SIGKILL, $finished_early finished before their kill,"
echo "  $resumed resumed an unfinished project, $failed failed; final run: $final;"
echo "  projects in the database: ${projects:-?}; media check exit code $verify_rc"
[[ "$final" == ok && $verify_rc == 0 && $failed == 0 ]]
