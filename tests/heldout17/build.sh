#!/bin/sh
# Rebuild every Word document of this corpus from its hand-written source in src/.
# Needs LibreOffice (tested with 7.4). Run from this folder: sh build.sh
set -e
cd "$(dirname "$0")"
soffice --headless --convert-to docx:"MS Word 2007 XML" --outdir . src/depot-induction-handbook.html
