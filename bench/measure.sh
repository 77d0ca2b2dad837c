# Sourced by the bench scripts. measure "SHELL COMMAND": runs it $runs times and prints the best wall
# time in seconds and the peak RSS in KB of that run (GNU time; for a pipeline, its largest process).
measure() {
    local best="" rss="" out t m
    for ((i = 0; i < runs; i++)); do
        out=$( { /usr/bin/time -f "%e %M" bash -c "$1" >/dev/null; } 2>&1 | tail -1)
        read -r t m <<<"$out"
        if [[ -z "$best" ]] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$t; rss=$m; fi
    done
    echo "$best $rss"
}

q() { printf '%q' "$1"; }

command -v /usr/bin/time >/dev/null || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
[[ -f "$root/jdbc-driver/target/rustbin-jdbc.jar" && -f "$root/cli-shell/target/rustbin-cli.jar" ]] \
    || (cd "$root" && mvn -q -B -DskipTests package)
