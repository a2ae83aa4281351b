#!/usr/bin/env bash
# Debian packages the tests need: Chromium for the browser tests (Playwright never downloads its
# own browser); fonts for PDF reports: DejaVu (Latin, Cyrillic, Greek, Arabic, Hebrew) and
# WenQuanYi Micro Hei (Chinese, Japanese, Korean: the smallest Debian CJK font with TrueType
# outlines, which ReportLab needs); poppler-utils (pdftotext) to read reports back in the tests.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
