#!/bin/sh
# Build the Graph JSON fuzzer with clang (libFuzzer, ASan, UBSan) and run it
# on the unit test samples for SECONDS (default 60). Needs a configured
# build directory for config.h: run from it, or set BUILD.
set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-$(pwd)}
seconds=${1:-60}
out=${TMPDIR:-/tmp}/teamtop-fuzz.$$
mkdir -p "$out/corpus"
cp "$top"/tests/unit/data/*.json "$out/corpus/"
clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
    -I"$build" -I"$top/src" -I"$top/tests/unit" \
    "$top/tests/fuzz/fuzz_graph_parse.c" "$top/src/graph_parse.c" \
    "$top/tests/unit/presences_ref.c" \
    "$top/src/presence.c" "$top/src/user.c" "$top/src/text.c" \
    "$top/src/output.c" "$top/src/duration.c" "$top/src/xmalloc.c" \
    -lcjson -lm -o "$out/fuzz_graph_parse"
"$out/fuzz_graph_parse" -max_total_time="$seconds" -max_len=65536 \
    "$out/corpus"
rm -rf "$out"
