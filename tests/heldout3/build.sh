#!/bin/sh
# Rebuild the Word and PDF documents of this corpus from their flat OpenDocument sources.
# Run from anywhere:  sh tests/heldout3/build.sh
# Needs LibreOffice (soffice; built with 7.4.7) and, for the PDF, the British English
# hyphenation patterns (Debian package hyphen-en-gb): without them LibreOffice lays the
# PDF out with no automatic hyphenation and the line breaks described in README.md change.
set -e
cd "$(dirname "$0")"
if [ ! -e /usr/share/hyphen/hyph_en_GB.dic ]; then
  echo "warning: /usr/share/hyphen/hyph_en_GB.dic missing (apt-get install hyphen-en-gb); the PDF will not be hyphenated" >&2
fi
soffice --headless --convert-to docx --outdir . src/programme-plan.fodt
soffice --headless --convert-to pdf --outdir . src/readiness-summary.fodt
# show the automatic hyphenation that the labels rely on
pdftotext -raw readiness-summary.pdf - | grep -n -- '-$' || true
