#!/bin/sh
# Rebuild the Word document of this corpus from its .fodt source with LibreOffice.
# Run from the corpus folder:  sh src/build.sh   (needs soffice)
set -e
cd "$(dirname "$0")/.."
soffice --headless --convert-to docx --outdir . src/steerco-paper.fodt
