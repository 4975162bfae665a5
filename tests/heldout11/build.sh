#!/bin/sh
# Rebuild every Word document of this corpus from its hand-written source in src/.
# Needs LibreOffice (soffice). Run from anywhere: sh build.sh
set -e
cd "$(dirname "$0")"
for src in src/*.html; do
  soffice --headless --convert-to docx:"MS Word 2007 XML" --outdir . "$src"
done
