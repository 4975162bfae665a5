#!/bin/sh
# Rebuild the Word (and PDF) documents of this corpus from their .fodt sources.
# Run from the corpus folder:  sh src/build.sh   (needs LibreOffice: soffice)
set -e
cd "$(dirname "$0")/.."
for f in board-paper; do
  [ -f "src/$f.fodt" ] && soffice --headless --convert-to docx --outdir . "src/$f.fodt"
done
for f in cutover-readiness-report; do
  [ -f "src/$f.fodt" ] && soffice --headless --convert-to pdf --outdir . "src/$f.fodt"
done
exit 0
