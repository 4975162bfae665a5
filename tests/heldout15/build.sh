#!/bin/sh
# Rebuild the PDF document of this corpus from its hand-written source.
set -e
cd "$(dirname "$0")"
soffice --headless --convert-to pdf --outdir . src/monthly-contract-report.html
