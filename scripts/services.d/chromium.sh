# Sourced by scripts/test.sh (as root in CI): make Debian's headless Chromium
# and its driver available to the browser tests, without any browser download.
# Exports LETOPIS_CHROMIUM (the browser binary) and LETOPIS_CHROMEDRIVER.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "chromium.sh: installing chromium and chromium-driver with apt-get" >&2
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        chromium chromium-driver fonts-dejavu-core >/dev/null; } ||
      echo "chromium.sh: apt-get could not install chromium; browser tests will fail under CI" >&2
  else
    echo "chromium.sh: chromium missing and not root; browser tests will be skipped" >&2
  fi
fi
if command -v chromium >/dev/null 2>&1; then
  export LETOPIS_CHROMIUM="$(command -v chromium)"
fi
if command -v chromedriver >/dev/null 2>&1; then
  export LETOPIS_CHROMEDRIVER="$(command -v chromedriver)"
fi
