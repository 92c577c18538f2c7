#!/bin/sh
# Usage: NODE_PATH=/tmp/corpustools/node_modules tools/make-expected.sh [DECKDIR...]
# Run from internal/build/testdata/corpus. For each deck directory (default:
# every marp-* and slidev-* directory) writes expected.json:
#   {"dialect": ..., "pages": N, "units": [...]}
# Marp: pages = page count of the PDF exported by Marp CLI (count-marp-pages.sh),
#       checked against the number of slides in the rendered HTML.
# Slidev: pages = number of slides loaded by @slidev/parser (units-slidev.cjs).
set -e
here=$(cd "$(dirname "$0")" && pwd)
[ $# -gt 0 ] || set -- marp-* slidev-*
for d in "$@"; do
  d=${d%/}
  case "$d" in
    marp-*)
      out=$(node "$here/units-marp.cjs" "$d/deck.md")
      pages=$("$here/count-marp-pages.sh" "$d")
      dialect=marp ;;
    slidev-*)
      out=$(node "$here/units-slidev.cjs" "$d/deck.md")
      pages=$(printf '%s' "$out" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).slides))')
      dialect=slidev ;;
    *) continue ;;
  esac
  printf '%s' "$out" | DIALECT=$dialect PAGES=$pages node -e '
    let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
      const r = JSON.parse(s)
      const pages = +process.env.PAGES
      if (r.slides !== pages) { console.error(`slide count mismatch: html ${r.slides} vs pdf ${pages}`); process.exit(3) }
      process.stdout.write(JSON.stringify({ dialect: process.env.DIALECT, pages, units: r.units }, null, 2) + "\n")
    })' > "$d/expected.json"
  echo "$d: $dialect pages=$pages units=$(grep -c '^    "' "$d/expected.json")"
done
