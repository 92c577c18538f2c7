#!/usr/bin/env bash
# Times layerdeck against dot + Typst on the same deck, warm and with empty
# caches, and prints the ratios. Needs hyperfine; Typst and Graphviz's dot
# are used when installed (TYPST=/path/to/typst to name one).
#
#   bench/compare.sh            # from the repository's top
#
# The peer pipeline lays out the built-in deck's four diagrams with dot
# (diagrams/testdata/*.dot, the DOT layerdeck itself generates) and
# typesets bench/essay.typ, the built-in deck's text as a Typst document.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine)"; exit 2; }
TYPST=${TYPST:-$(command -v typst || true)}
DOT=$(command -v dot || true)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/layerdeck" ./cmd/layerdeck
ld="$work/layerdeck"
mkdir -p "$work/peer" "$work/cold"
cp bench/essay.typ "$work/peer/"
cp diagrams/testdata/{ai,crypto,compare,drivers}.dot "$work/peer/"

# Generated stack decks of 200 and 1000 slides: diagrams, tables, two columns.
gen() {
	local n=$1 out=$2
	{
		printf -- '---\ntitle: 生成デッキ\nstacks:\n'
		for s in $(seq 1 10); do
			printf '  s%d:\n    title: 階層%d\n    pattern: progression\n    layers:\n' "$s" "$s"
			printf '      - {id: L1, name: 基盤モデル, problems: [推論, 計算]}\n'
			printf '      - {id: L2, name: 推論モデル, fixes: [推論]}\n'
		done
		printf -- '---\n'
		for i in $(seq 1 "$n"); do
			case $((i % 4)) in
			0) printf -- '\n---\nlayout: diagram\ndiagram: s%d\n---\n# 図 %d\n' $((i % 10 + 1)) "$i" ;;
			1) printf -- '\n---\n\n# 表 %d\n\n| 項目 | 値 |\n|---|---|\n| 速度 | %d |\n| 幅 | 二 |\n' "$i" "$i" ;;
			2) printf -- '\n---\nlayout: two-column\n---\n# 二段 %d\n\n左の段\n\n::right::\n\n右の段\n' "$i" ;;
			3) printf -- '\n---\n\n# 箇条書き %d\n\n- 日本語の文と English words が混ざる項目\n  - 入れ子の項目\n' "$i" ;;
			esac
		done
	} >"$out"
}
gen 200 "$work/d200.md"
gen 1000 "$work/d1000.md"

cold="TMPDIR=$work/cold/tmp XDG_CACHE_HOME=$work/cold/cache"
prep="sh -c 'rm -rf $work/cold && mkdir -p $work/cold/tmp $work/cold/cache'"
peer_cmd=""
if [ -n "$DOT" ] && [ -n "$TYPST" ]; then
	peer_cmd="cd $work/peer && for f in ai crypto compare drivers; do $DOT -Tsvg \$f.dot > \$f.svg 2>/dev/null; done && $TYPST compile essay.typ"
else
	echo "(dot or typst missing: layerdeck is timed alone)"
fi

run() { hyperfine -N --style basic --warmup "$1" --runs "$2" --export-json "$3" "${@:4}"; }

echo "== warm: the built-in deck"
if [ -n "$peer_cmd" ]; then
	run 3 20 "$work/warm.json" -n layerdeck "$ld build -o $work/ld.pdf" -n "dot + typst" "sh -c '$peer_cmd'"
else
	run 3 20 "$work/warm.json" -n layerdeck "$ld build -o $work/ld.pdf"
fi
echo "== cold: empty TMPDIR and XDG_CACHE_HOME"
if [ -n "$peer_cmd" ]; then
	run 0 10 "$work/cold.json" --prepare "$prep" -n layerdeck "env $cold $ld build -o $work/ld.pdf" -n "dot + typst" "env $cold sh -c '$peer_cmd'"
else
	run 0 10 "$work/cold.json" --prepare "$prep" -n layerdeck "env $cold $ld build -o $work/ld.pdf"
fi
echo "== start-up"
run 3 30 "$work/start.json" -n version "$ld version" -n help "$ld help"
echo "== 200 and 1000 slides"
run 1 5 "$work/scale.json" -n 200 "$ld build -o $work/d200.pdf $work/d200.md" -n 1000 "$ld build -o $work/d1000.pdf $work/d1000.md"

echo "== peak memory (KiB)"
for c in "build -o $work/ld.pdf" "build -o $work/d1000.pdf $work/d1000.md"; do
	/usr/bin/time -f "%M KiB  layerdeck $c" $ld $c 2>&1 >/dev/null | tail -1
done

echo "== ratios"
python3 - "$work" <<'EOF'
import json, sys, os
w = sys.argv[1]
def means(name):
    return {r["command"]: r["mean"] for r in json.load(open(os.path.join(w, name)))["results"]}
for label, f in (("warm", "warm.json"), ("cold", "cold.json")):
    m = means(f)
    if "dot + typst" in m:
        print(f"{label}: layerdeck {m['layerdeck']*1000:.0f} ms, dot + typst {m['dot + typst']*1000:.0f} ms, ratio {m['layerdeck']/m['dot + typst']:.2f}")
    else:
        print(f"{label}: layerdeck {m['layerdeck']*1000:.0f} ms")
s = means("start.json")
print(f"version {s['version']*1000:.1f} ms, help {s['help']*1000:.1f} ms")
m = means("scale.json")
print(f"1000 slides / 200 slides: {m['1000']/m['200']:.2f} ({m['1000']*1000:.0f} ms / {m['200']*1000:.0f} ms)")
EOF
