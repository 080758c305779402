#!/usr/bin/env bash
# Builds FerretDB (MongoDB-wire server, our stand-in where no mongod can be downloaded) with Go.
# Usage: scripts/install-ferretdb.sh <target-dir>   -> <target-dir>/ferretdb
#
# Why not `go install ...@v1.24.1`: the module proxy here refuses v1.24.1 (403) and its version
# list, which `go install` needs for its deprecation check. v1.24.2 (same 1.x line, bug fixes)
# downloads; building it from the module source needs build/version/version.txt, which the
# module zip leaves out, so we write it. See docs/decisions.md.
set -euo pipefail
VERSION="${FERRETDB_VERSION:-v1.24.2}"
TARGET="${1:?target dir}"
mkdir -p "$TARGET"
# Captured first: `... | grep -q` could end the writer with SIGPIPE, which pipefail turns into
# "not installed" and a needless rebuild.
installed=$([ -x "$TARGET/ferretdb" ] && "$TARGET/ferretdb" --version 2>/dev/null || true)
if [[ "$installed" == *"version: $VERSION"* ]]; then
  exit 0
fi
command -v go >/dev/null || { echo "install-ferretdb: Go is not installed" >&2; exit 1; }
SRC=$(go mod download -json "github.com/FerretDB/FerretDB@$VERSION" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')
[ -n "$SRC" ] || { echo "install-ferretdb: could not download FerretDB $VERSION" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'chmod -R u+w "$WORK"; rm -rf "$WORK"' EXIT
cp -r "$SRC/." "$WORK/"
chmod -R u+w "$WORK"
echo "$VERSION" > "$WORK/build/version/version.txt"
(cd "$WORK" && CGO_ENABLED=0 go build -trimpath -o "$TARGET/ferretdb.tmp" ./cmd/ferretdb)
mv "$TARGET/ferretdb.tmp" "$TARGET/ferretdb"
"$TARGET/ferretdb" --version | sed -n 1p
