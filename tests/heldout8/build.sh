#!/bin/sh
# Rebuild every Word document of this corpus from its hand-written HTML source in src/.
# Needs LibreOffice (tested with 7.4). Run from anywhere: sh build.sh
set -e
cd "$(dirname "$0")"
for f in src/*.html; do
    soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir . "$f"
done
