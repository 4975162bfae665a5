#!/bin/sh
# Rebuild the Word and PDF documents of this corpus from their .fodt sources.
# Run from anywhere:  sh tests/heldout2/build.sh   (needs LibreOffice: soffice)
set -e
cd "$(dirname "$0")"
soffice --headless --convert-to docx --outdir . src/works-information.fodt
soffice --headless --convert-to pdf --outdir . src/operations-briefing.fodt
