#!/bin/sh
# Usage: count-marp-pages.sh DECKDIR
# Exports DECKDIR/deck.md to PDF with Marp CLI (HTML enabled, local files
# allowed) in headless Chromium and prints the PDF page count.
set -e
: "${MARP:=/tmp/corpustools/node_modules/.bin/marp}"
: "${CHROME_PATH:=/usr/local/bin/chromium-nosandbox}"
export CHROME_PATH
out=$(mktemp /tmp/marp-XXXXXX.pdf)
cd "$1"
"$MARP" --pdf --html --allow-local-files deck.md -o "$out" >/dev/null 2>&1
pdfinfo "$out" | awk '/^Pages:/ {print $2}'
rm -f "$out"
