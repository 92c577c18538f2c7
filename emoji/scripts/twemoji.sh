#!/bin/sh
# Rebuilds emoji/twemoji.tar.gz and emoji/names.txt from the npm package
# @twemoji/svg (graphics CC-BY 4.0). Run from the repository's top:
#   sh emoji/scripts/twemoji.sh 15.0.0
set -eu
version=${1:-15.0.0}
out=$(pwd)/emoji
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack "@twemoji/svg@$version" >/dev/null && tar xzf twemoji-svg-"$version".tgz)
cd "$tmp/package"
ls *.svg | sed 's/\.svg$//' | LC_ALL=C sort > "$out/names.txt"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - *.svg | gzip -9n > "$out/twemoji.tar.gz"
