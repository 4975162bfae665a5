#!/bin/sh
# Rebuild the Word document of this corpus from its .fodt source.
# Run from the corpus folder:  sh src/build.sh   (needs LibreOffice: soffice)
set -e
cd "$(dirname "$0")/.."
for f in temporary-staffing-policy; do
  [ -f "src/$f.fodt" ] && soffice --headless --convert-to docx --outdir . "src/$f.fodt"
done
