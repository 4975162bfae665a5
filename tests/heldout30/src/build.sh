#!/bin/sh
# Rebuild the PDF document of this corpus from its flat OpenDocument source.
# Run from the corpus folder:  sh src/build.sh   (needs LibreOffice: soffice)
set -e
cd "$(dirname "$0")/.."
for f in cutover-readiness-paper; do
  soffice --headless --convert-to pdf --outdir . "src/$f.fodt"
done
