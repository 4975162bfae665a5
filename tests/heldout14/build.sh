#!/bin/sh
# Rebuild every Word document of this corpus from its hand-written source in src/.
set -e
cd "$(dirname "$0")"
for f in src/*.html; do
  soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir . "$f"
done
