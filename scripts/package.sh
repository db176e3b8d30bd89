#!/usr/bin/env bash
# Builds the Debian package: scripts/package.sh [OUT_DIR] -> OUT_DIR/faultbox_<version>_amd64.deb
# (OUT_DIR defaults to the repository). The lab's build (scripts/build-lab.sh), installed under
# /usr; the libraries it links and the tools it runs are declared as dependencies
# (cmake/install.cmake), so `apt-get install ./faultbox_*.deb` brings them.
# Needs dpkg-dev (dpkg-shlibdeps), file (CPack finds the ELF files with it) and the HCL
# converter's npm modules (scripts/setup.sh installs all three with --tests).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mkdir -p "${1:-.}" && cd "${1:-.}" && pwd)
[ -d tools/hcl2json/node_modules/@cdktf/hcl2json ] ||
  { echo "package: run scripts/setup.sh first (the HCL converter's npm modules go in the package)" >&2; exit 2; }
for tool in dpkg-shlibdeps:dpkg-dev file:file; do
  command -v "${tool%%:*}" >/dev/null ||
    { echo "package: needs ${tool%%:*} (apt-get install ${tool#*:})" >&2; exit 2; }
done
bash scripts/build-lab.sh --build-only
rm -f build-release/faultbox_*.deb
(cd build-release && cpack -G DEB >/dev/null)
deb=$(ls build-release/faultbox_*_amd64.deb)
mv "$deb" "$out/"
echo "package: $out/$(basename "$deb")"
