#!/bin/sh
# Rebuild every Word document of this corpus from its hand-written source in src/.
# Run from this folder: sh build.sh   (needs LibreOffice 7.x on the PATH as soffice)
set -e
cd "$(dirname "$0")"
soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir . src/clinic-operations-handbook.html
