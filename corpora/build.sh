#!/bin/sh
# Rebuild the Word documents of the sample corpora from their flat OpenDocument sources.
# Usage (from anywhere):  sh corpora/build.sh
# Needs LibreOffice (soffice) on the PATH.
set -e
here="$(cd "$(dirname "$0")" && pwd)"
if ! command -v soffice >/dev/null 2>&1; then
  echo "build.sh: soffice (LibreOffice) not found on PATH" >&2
  exit 1
fi
for src in "$here"/strategy/src/*.fodt; do
  [ -f "$src" ] || continue
  # a private profile keeps the conversion working when another LibreOffice is running
  profile="$(mktemp -d)"
  soffice -env:UserInstallation="file://$profile" --headless \
    --convert-to docx --outdir "$here/strategy" "$src"
  rm -rf "$profile"
done
