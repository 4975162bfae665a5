#!/bin/sh
# Rebuilds the PDF document of this corpus from its hand-written source in src/.
set -e
cd "$(dirname "$0")"
soffice --headless --convert-to pdf --outdir . src/costs-and-settlement-guide.html
