#!/bin/sh
# Rebuild the Word and PDF documents of this corpus from their hand-written sources.
# Run from this folder: sh build.sh   (needs LibreOffice: soffice)
set -e
cd "$(dirname "$0")"
soffice --headless --infilter="HTML (StarWriter)" --convert-to 'docx:MS Word 2007 XML' --outdir . src/maintenance-request-guide.html
soffice --headless --convert-to pdf --outdir . src/regional-operations-review.html
