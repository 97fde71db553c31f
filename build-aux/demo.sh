#!/usr/bin/env bash
# build-aux/demo.sh BUILD_DIR: the app against local fake services, no internet needed.
#
# Started by `build-aux/dev demo`. Each service gets a free loopback port and is
# stopped when the app exits. Sections below, one per service; add yours as its own
# section (start it, wait until it answers, append its option to app_args).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

build=${1:?usage: demo.sh BUILD_DIR}
top=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
work=$(mktemp -d -t certassist-demo-XXXXXX)
pids=()
app_args=()
# Where `build-aux/dev publish` finds the running demo (keep in step with build-aux/dev).
demo_state="${XDG_RUNTIME_DIR:-/tmp/certassist-$(id -u)}/certassist-demo"

cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  # Only our own pointer and environment: a demo started later owns them now.
  if [ "$(cat "$demo_state/current" 2>/dev/null)" = "$work" ]; then
    rm -f "$demo_state/current" "$demo_state/env"
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

mkdir -p -m 700 "$(dirname "$demo_state")" "$demo_state"
echo "$work" >"$demo_state/current"

# A loopback port that is free for UDP and TCP right now.
free_port() {
  /usr/bin/python3 - <<'PY'
import socket
while True:
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.bind(("127.0.0.1", 0))
    port = u.getsockname()[1]
    t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        t.bind(("127.0.0.1", port))
    except OSError:
        continue
    print(port)
    break
PY
}

# ---------------------------------------------------------------------------
# Public DNS: the lab's signed hierarchy (tests/zones/lab/make-lab.sh) with every case of
# tests/zones/certassist.conf and the fake ACM's domains as public zones of their own
# (make-demo-zones.py), one NSD per server on 127.55.y.N port 53 (root hints carry no port,
# so it needs root). The app asks it as the CA does (--root-hints, --trust-anchor), and the
# resolver below resolves from its root: the public view can be tried offline, and the demo's
# names are public names. Without root, the demo runs with the local view only.
# ---------------------------------------------------------------------------
lab=
lab_net() {
  /usr/bin/python3 - <<'PY'
import socket
for y in range(100, 200):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.bind((f"127.55.{y}.1", 53))
    except OSError:
        continue
    print(f"127.55.{y}")
    break
PY
}

start_lab() {
  local net conf
  if [ "$(id -u)" != 0 ] || [ ! -x /usr/sbin/nsd ] || ! command -v ldns-signzone >/dev/null; then
    echo "demo: no public DNS (the lab needs root, nsd and ldnsutils): the local view only" >&2
    return 0
  fi
  net=$(lab_net)
  /usr/bin/python3 "$top/tests/zones/lab/make-demo-zones.py" "$work/lab-extra"
  LAB_EXTRA="$work/lab-extra" sh "$top/tests/zones/lab/make-lab.sh" "$work/lab" "$net" >"$work/lab.log" 2>&1
  for conf in "$work"/lab/nsd-*.conf; do
    /usr/sbin/nsd -d -c "$conf" >>"$work/lab.log" 2>&1 &
    pids+=($!)
  done
  for _ in $(seq 100); do
    if dig +short +norec +time=1 +tries=1 @"$net.3" nullmx.example MX >/dev/null 2>&1 &&
       dig +short +norec +time=1 +tries=1 @"$net.1" . SOA | grep -q .; then
      lab="$work/lab"
      echo "demo: public DNS (the lab) from its root on $net.1, signed with a test key" >&2
      app_args+=(--root-hints "$lab/root.hints" --trust-anchor "$lab/root.ds")
      return 0
    fi
    sleep 0.1
  done
  echo "demo: the lab did not start:" >&2
  cat "$work/lab.log" >&2
  exit 1
}
start_lab

# The resolver in use: from the lab's root, validating, and lying about split.example as a
# company's resolver does (tests/zones/lab/split-horizon.conf).
lab_resolver_config() {
  cat <<CONF
  module-config: "validator iterator"
  trust-anchor-file: "$lab/root.ds"
  root-hints: "$lab/root.hints"
  do-not-query-localhost: no
  include: "$top/tests/zones/lab/split-horizon.conf"
CONF
}

# The resolver without the lab: every case of the diagnosis as local data.
fixture_resolver_config() {
  cat <<CONF
  module-config: "iterator"
  do-not-query-localhost: yes
  local-zone: "." static
  include: "$top/tests/zones/certassist.conf"
CONF
}

# ---------------------------------------------------------------------------
# DNS: unbound, the resolver in use: with the lab, resolving from its root; else serving
# tests/zones/certassist.conf (every case of the diagnosis)
# Try in the app: www.good.example, nullmx.example, sub.parent-mx.example,
# mx-nxhost.example, mx-cname.example, nomx.example, caa-other.example,
# *.caa-wild.example, caa-critical.example, servfail.example, www.bücher.example
# Records can be added while it runs, as a user publishes them: remote control
# on a unix socket in the work dir, no TLS keys (build-aux/dev publish NAME VALUE).
# ---------------------------------------------------------------------------
dns_server=
start_dns() {
  local port conf
  port=$(free_port)
  conf="$work/unbound.conf"
  cat >"$conf" <<CONF
server:
  interface: 127.0.0.1
  port: $port
  do-daemonize: no
  chroot: ""
  username: ""
  directory: "$work"
  pidfile: "$work/unbound.pid"
  use-syslog: no
  logfile: ""
  verbosity: 0
  do-ip6: no
  num-threads: 1
$(if [ -n "$lab" ]; then lab_resolver_config; else fixture_resolver_config; fi)
remote-control:
  control-enable: yes
  control-interface: "$work/unbound-control.sock"
  control-use-cert: no
CONF
  /usr/sbin/unbound -d -c "$conf" >"$work/unbound.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    if dig +short +time=1 +tries=1 -p "$port" @127.0.0.1 good.example A >/dev/null 2>&1; then
      echo "demo: DNS (unbound) on 127.0.0.1@$port" >&2
      echo "demo: names to try in \"My validation mail never arrived\": www.good.example nullmx.example" \
        "sub.parent-mx.example mx-nxhost.example mx-cname.example nomx.example caa-other.example" \
        "*.caa-wild.example caa-critical.example servfail.example www.bücher.example www.example.net" >&2
      dns_server="127.0.0.1@$port"
      echo "$dns_server" >"$work/dns-server"
      if [ -n "$lab" ]; then
        echo "demo: and where the two views part: split.example (the resolver in use lies)," \
          "ns-mismatch.example, ns-partial.example, proxied.example, bogus-ds.example, tld-caa.caatld, gone.example" >&2
        app_args+=(--dns-server "$dns_server")
      else
        app_args+=(--dns-server "$dns_server" --no-dnssec)
      fi
      echo "demo: publish a DNS validation record: build-aux/dev publish NAME VALUE" \
           "(and build-aux/dev unpublish NAME); the fake ACM sees it within a poll" >&2
      return 0
    fi
    sleep 0.1
  done
  echo "demo: unbound did not start:" >&2
  cat "$work/unbound.log" >&2
  exit 1
}
start_dns

# ---------------------------------------------------------------------------
# Registration data: WHOIS and RDAP servers serving tests/fixtures/registration
# (tests/registration-server). Any .example name gets the privacy-proxy sample over
# WHOIS; try also example-freight-5511.com (RDAP, real contacts), example-bakery-4417.com
# (RDAP registry → registrar, web form), beispiel-baeckerei-4711.de (WHOIS, DENIC web
# lookup), exemple-vins-2020.eu (WHOIS, agency contact), example-busy-429.com (RDAP 429).
# ---------------------------------------------------------------------------
start_registration() {
  local fixtures="${CERTASSIST_FIXTURES:-$top/tests/fixtures}"
  local out="$work/registration.out"
  mkfifo "$work/registration.in"
  # The server runs until its stdin closes; this descriptor keeps it open.
  exec 7<>"$work/registration.in"
  "$build/tests/registration-server" "$fixtures" <"$work/registration.in" >"$out" 2>"$work/registration.log" &
  pids+=($!)
  for _ in $(seq 100); do
    if [ "$(wc -l <"$out")" -ge 2 ]; then
      local whois rdap
      whois=$(sed -n 's/^whois-server=//p' "$out")
      rdap=$(sed -n 's/^rdap-bootstrap=//p' "$out")
      echo "demo: WHOIS on $whois, RDAP bootstrap $rdap" >&2
      app_args+=(--whois-server "$whois" --rdap-bootstrap "$rdap")
      return 0
    fi
    sleep 0.1
  done
  echo "demo: the registration server did not start:" >&2
  cat "$work/registration.log" >&2
  exit 1
}
start_registration

# ---------------------------------------------------------------------------
# ACM: tests/fake-acm seeded with tests/data/fake-acm-demo.json, signatures checked
# with AWS's example keys. Certificates: shop.example.com (pending email, resend
# window open), blog.example.org (timed out), example.net (issued by email, in use,
# renewal pending: migrate it), api.example.com (issued by DNS), store.example.com
# (failed: CAA_ERROR). It looks DNS requests' and migrations' records up on the demo
# DNS (--dns-server): publish each record the app shows with
#   build-aux/dev publish _abc….example.net. _def….acm-validations.aws.
# and the name turns SUCCESS. Approve a pending one (email) without DNS:
#   curl -d '{"arn": "ARN"}' $AWS_ENDPOINT_URL_ACM/_fake/approve
# Faults: curl -d '{"fault": "throttle", "count": 2}' $AWS_ENDPOINT_URL_ACM/_fake/fault
# Route 53 (same fake, AWS_ENDPOINT_URL_ROUTE_53): hosted zones example.com (public, and a
# private one of the same name), example.net, and example.org, whose name servers are not
# those the lab delegates it to (the records would never be seen). A change that becomes
# INSYNC is published in the demo's DNS as `build-aux/dev publish` does, so "Create in
# Route 53" validates a pending certificate; by hand:
#   aws --endpoint-url $AWS_ENDPOINT_URL_ROUTE_53 route53 change-resource-record-sets …
# ---------------------------------------------------------------------------
# The environment that points certassist-cli (and the aws CLI) at the fake ACM, for
# another terminal to `source`. The keys are AWS's documentation examples, no secret.
write_env() {
  cat >"$1.tmp" <<ENV
export AWS_ENDPOINT_URL_ACM=$AWS_ENDPOINT_URL_ACM
export AWS_ENDPOINT_URL_ROUTE_53=$AWS_ENDPOINT_URL_ROUTE_53
export AWS_REGION=$AWS_REGION
export AWS_ACCESS_KEY_ID=$AWS_ACCESS_KEY_ID
export AWS_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY
unset AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ENDPOINT_URL
ENV
  mv "$1.tmp" "$1"
}

# What the fake runs for each CNAME a Route 53 change made, once INSYNC: NAME and VALUE
# come from a request, so they reach `build-aux/dev publish` as arguments, never as code.
write_publish_command() {
  cat >"$1" <<SH
#!/bin/sh
CERTASSIST_DEMO_WORK='$work' exec '$top/build-aux/dev' publish "\$1" "\$2"
SH
  chmod +x "$1"
}

start_acm() {
  local url_file="$work/fake-acm.url"
  write_publish_command "$work/route53-publish"
  "$build/tests/fake-acm/fake-acm" --seed "$top/tests/data/fake-acm-demo.json" \
    --dns-server "$dns_server" --url-file "$url_file" --publish-command "$work/route53-publish" \
    >/dev/null 2>"$work/fake-acm.log" &
  pids+=($!)
  for _ in $(seq 100); do
    if [ -s "$url_file" ]; then
      AWS_ENDPOINT_URL_ACM=$(cat "$url_file")
      export AWS_ENDPOINT_URL_ACM
      # Route 53 answers on the same URL.
      export AWS_ENDPOINT_URL_ROUTE_53=$AWS_ENDPOINT_URL_ACM
      export AWS_REGION=us-east-1
      export AWS_ACCESS_KEY_ID=AKIDEXAMPLE
      export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
      unset AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ENDPOINT_URL
      echo "demo: ACM and Route 53 (fake) on $AWS_ENDPOINT_URL_ACM, region us-east-1, example keys" >&2
      echo "demo: Route 53 hosted zones: example.com (and a private one of that name), example.net," \
           "example.org (its name servers are not the ones the lab delegates it to)" >&2
      write_env "$demo_state/env"
      echo "demo: from another terminal, point the CLI at the demo's services:" >&2
      sed 's/^/demo:   /' "$demo_state/env" >&2
      echo "demo: or: source $demo_state/env; build-aux/dev cli list" >&2
      echo "demo: in the app, \"My certificate waits for its approval mail\": pick sub.parent-mx.example," \
           "see why no mail came, and resend it to parent-mx.example" >&2
      return 0
    fi
    sleep 0.1
  done
  echo "demo: the fake ACM did not start:" >&2
  cat "$work/fake-acm.log" >&2
  exit 1
}
start_acm

# ---------------------------------------------------------------------------
# Certificates: tests/make-certs.sh makes a test CA and its certificates, and
# openssl s_server presents three of them on loopback (a chain, an expired one,
# a self-signed one). In "Check a certificate", type the host:port printed below,
# or choose a file from the printed folder (chain-shuffled.pem, many.pem, broken.pem…).
# ---------------------------------------------------------------------------
start_tls() {
  local certs="$work/certs" port name
  sh "$top/tests/make-certs.sh" "$certs" "$work/certs.stamp"
  for name in chain expired self; do
    port=$(free_port)
    case $name in
      chain) set -- -cert "$certs/leaf.pem" -key "$certs/leaf.key" -cert_chain "$certs/inter.pem" ;;
      expired) set -- -cert "$certs/expired.pem" -key "$certs/expired.key" -cert_chain "$certs/inter.pem" ;;
      self) set -- -cert "$certs/self-signed.pem" -key "$certs/self.key" ;;
    esac
    # -www: answers HTTP and never reads stdin, so it keeps serving in the background.
    openssl s_server -quiet -www -accept "127.0.0.1:$port" "$@" </dev/null >/dev/null 2>"$work/s_server-$name.log" &
    pids+=($!)
    echo "demo: TLS ($name) on 127.0.0.1:$port" >&2
  done
  echo "demo: certificate files to check in $certs" >&2
}
start_tls

# ---------------------------------------------------------------------------
# The app
# ---------------------------------------------------------------------------
echo "demo: certassist ${app_args[*]}" >&2
"$build/src/gui/certassist" "${app_args[@]}"
