# Sourced by bin/test: makes sure the browser tests have Chromium (Debian's package, driven by Playwright
# with its own browser download switched off). Installs it when missing and this user may; otherwise says
# how. PARLEY_CHROMIUM points the tests at another Chromium executable.
chromium_path="${PARLEY_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Chromium for the browser tests (apt-get install chromium)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "The browser tests need Chromium at $chromium_path: run 'sudo apt-get install chromium'" \
      "or set PARLEY_CHROMIUM to a Chromium executable" >&2
    exit 1
  fi
fi
echo "Browser tests use $("$chromium_path" --version 2>/dev/null || echo "$chromium_path")"
