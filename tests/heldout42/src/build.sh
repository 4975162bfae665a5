#!/bin/sh
# Rebuild the Word document of this corpus from its hand-written .fodt source.
# Run from the corpus folder:  sh src/build.sh   (needs LibreOffice: soffice)
set -e
cd "$(dirname "$0")/.."
for f in circulation-procedures; do
  [ -f "src/$f.fodt" ] && soffice --headless --convert-to docx --outdir . "src/$f.fodt"
done
