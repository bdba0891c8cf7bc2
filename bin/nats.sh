# Sourced by bin/test: makes sure the tests of the replicas' channel on NATS have a NATS server to start
# (Debian's nats-server package; the tests start their own on a free port). Installs it when missing and this
# user may; otherwise says how. PARLEY_NATS_SERVER points the tests at another nats-server executable.
nats_path="${PARLEY_NATS_SERVER:-}"
if [ -z "$nats_path" ]; then
  nats_path="$(command -v nats-server || true)"
  [ -z "$nats_path" ] && [ -x /usr/sbin/nats-server ] && nats_path=/usr/sbin/nats-server
fi
if [ -z "$nats_path" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing nats-server for the tests of the replicas' channel (apt-get install nats-server)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nats-server >/dev/null
    nats_path=/usr/sbin/nats-server
  else
    echo "The tests of the replicas' channel need nats-server: run 'sudo apt-get install nats-server'" \
      "or set PARLEY_NATS_SERVER to a nats-server executable" >&2
    exit 1
  fi
fi
echo "NATS tests use $("$nats_path" --version 2>/dev/null || echo "$nats_path")"
export PARLEY_NATS_SERVER="$nats_path"
