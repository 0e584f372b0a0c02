#!/usr/bin/env bash
# Debian packages the tests need: Chromium (browser tests), poppler-utils (PDF checks), the
# PostgreSQL server (database tests), HAProxy (the cluster test and `make cluster`) and
# LibreOffice's Writer and Impress without a GUI (the Word and PowerPoint files must convert).
# Installs only what is missing; safe to run again.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v haproxy >/dev/null 2>&1 || need+=(haproxy)
[ -e /usr/lib/libreoffice/program/libswlo.so ] || need+=(libreoffice-writer-nogui)
[ -e /usr/lib/libreoffice/program/libsdlo.so ] || need+=(libreoffice-impress-nogui)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "system-deps: missing ${need[*]}; install them with: sudo apt-get install ${need[*]}" >&2
  echo "system-deps: the tests that need them will be skipped (and fail in CI)" >&2
  exit 0
fi
echo "system-deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
