#!/bin/sh
# Rebuild the PDF document of this corpus from its hand-written source in src/.
# Run from this folder: sh build.sh
set -e
cd "$(dirname "$0")"
soffice --headless --convert-to pdf --outdir . src/supplier-audit-report.html
