#!/usr/bin/env bash
# Builds the texture-mosaic dataset (an outside check of the PC²Seg experiment) in OUT_DIR:
# VOC-style folders train/{images,masks} and val/{images,masks}. Needs Debian's apt (for the
# python3-skimage package, whose bundled photos and textures are the sources; nothing is
# installed, the package is only unpacked) and a JDK.
#
#   tools/texture-mosaic/make.sh OUT_DIR [SEED]
set -euo pipefail
out=${1:?usage: tools/texture-mosaic/make.sh OUT_DIR [SEED]}
seed=${2:-2026}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download python3-skimage >/dev/null 2>&1) \
  || { echo "apt-get download python3-skimage failed (Debian package sources needed)" >&2; exit 1; }
dpkg-deb -x "$work"/python3-skimage_*.deb "$work/x"
data=$(find "$work/x" -type d -path '*skimage/data' | head -1)
java "$here/TextureMosaic.java" "$data" "$out" "$seed"
