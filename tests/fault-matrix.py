#!/usr/bin/env python3
# fault-matrix.py: every remote certassist-cli talks to, against every way a remote fails.
#
# Each cell starts a hostile server on loopback (or a hostile credential helper), runs
# $CERTASSIST_CLI against it with --timeout 2 --json, and checks what the contract
# (docs: "Exit codes") promises: the contract's exit code, one JSON object on stdout
# with an error in words (or, for a diagnosis, a finding that says the lookup failed),
# no raw control bytes, no sanitizer report, no crash, no hang, and never a verdict of
# "all good". Output is TAP, then the matrix. A cell known to fail until a named fix
# lands is a TAP TODO with its reason (KNOWN below).
#
# SPDX-License-Identifier: GPL-3.0-or-later
import concurrent.futures
import hashlib
import json
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

TIMEOUT = 4           # the --timeout every run gets (roomy: the suite runs on a busy machine)
HANG_GUARD = 60       # a run still going after this is a hang (the bugs were 60 s to 462 s; the suite may share 2 cores)
KNOWN_GUARD = 25      # the same for a cell in KNOWN: it only has to show it still fails
DRIP_PERIOD = 0.5     # seconds between two bytes of a slow drip
BIG = 64 * 1024 * 1024

FAULTS = ["refused", "no_answer", "reset", "oversize", "malformed",
          "deep_nesting", "slow_drip", "5xx", "throttling", "wrong_type"]
REMOTES = ["dns", "whois", "rdap", "acm", "sts", "sso", "credential_process", "tls"]
# Faults a remote's protocol has no form of (no status codes in WHOIS, nesting in TLS …).
NOT_APPLICABLE = {
    ("whois", "5xx"),
    ("tls", "deep_nesting"), ("tls", "5xx"), ("tls", "throttling"),
    ("credential_process", "throttling"),
}
# (remote, fault) → why it fails today. Remove an entry when its fix lands.
KNOWN = {
}

DEEP = 100000         # nesting levels: the crashes were at ~80,000


# ---------------------------------------------------------------------------
# Hostile payloads, per body flavour
# ---------------------------------------------------------------------------

PREFIX = {
    "acm": b'{"CertificateSummaryList": [{"CertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/x", ',
    "rdap": b'{"objectClassName": "domain", "ldhName": "example.com", "entities": [{"roles": ["registrant"], ',
    "sts": b"<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAFAULT</AccessKeyId><Secret",
    "sso": b'{"roleCredentials": {"accessKeyId": "ASIAFAULT", "secretAccessKey": "s',
}
CONTENT_TYPE = {"acm": "application/x-amz-json-1.1", "rdap": "application/rdap+json",
                "sts": "text/xml", "sso": "application/json"}


def malformed(flavour):
    return PREFIX[flavour] + b"\x1b]0;pwned\x07\x1b[31m}}]]<<>>&\x00\xff\xfe not the answer"


def deep(flavour):
    if flavour == "sts":
        return b"<AssumeRoleResponse>" + b"<a>" * DEEP + b"</a>" * DEEP + b"</AssumeRoleResponse>"
    member = {"acm": b"CertificateSummaryList", "rdap": b"entities", "sso": b"roleCredentials"}[flavour]
    return b'{"' + member + b'": ' + b"[" * DEEP + b"]" * DEEP + b"}"


def error_body(flavour, code, message):
    if flavour == "sts":
        return ("<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>"
                "</ErrorResponse>" % (code, message)).encode()
    return json.dumps({"__type": code, "message": message}).encode()


# ---------------------------------------------------------------------------
# Servers
# ---------------------------------------------------------------------------

def closed_port(kind=socket.SOCK_STREAM):
    s = socket.socket(socket.AF_INET, kind)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def reset(conn):
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


def hold(conn, stop):
    """Keep the connection open, answering nothing, until the client goes."""
    conn.settimeout(0.2)
    while not stop.is_set():
        try:
            if conn.recv(65536) == b"":
                return
        except socket.timeout:
            continue
        except OSError:
            return


def drip(conn, data, stop):
    for i in range(len(data)):
        if stop.is_set():
            return
        try:
            conn.sendall(data[i:i + 1])
        except OSError:
            return
        time.sleep(DRIP_PERIOD)


def flood(conn, unit, total, stop):
    sent = 0
    while sent < total and not stop.is_set():
        try:
            conn.sendall(unit)
        except OSError:
            return
        sent += len(unit)


class TcpServer:
    """Accepts on loopback and hands each connection to handler(conn, stop)."""

    def __init__(self, handler):
        self.handler = handler
        self.stop = threading.Event()
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            threading.Thread(target=self.serve, args=(conn,), daemon=True).start()

    def serve(self, conn):
        try:
            self.handler(conn, self.stop)
        except OSError:
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass

    def close(self):
        self.stop.set()
        self.sock.close()


def read_http_request(conn):
    conn.settimeout(10)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    m = re.search(rb"content-length:\s*(\d+)", head, re.I)
    while m and len(body) < int(m.group(1)):
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head


def http_head(status, content_type, length=None):
    reason = {200: "OK", 400: "Bad Request", 429: "Too Many Requests", 500: "Internal Server Error",
              503: "Service Unavailable"}[status]
    head = "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nConnection: close\r\n" % (status, reason, content_type)
    if length is not None:
        head += "Content-Length: %d\r\n" % length
    if status == 429:
        head += "Retry-After: 1\r\n"
    return (head + "\r\n").encode()


def http_handler(flavour, fault):
    ctype = CONTENT_TYPE[flavour]

    def answer(conn, status, body, content_type=ctype):
        conn.sendall(http_head(status, content_type, len(body)) + body)

    def handler(conn, stop):
        if read_http_request(conn) is None:
            return
        if fault == "no_answer":
            hold(conn, stop)
        elif fault == "reset":
            conn.sendall(http_head(200, ctype, 100000) + PREFIX[flavour])
            time.sleep(0.1)
            reset(conn)
        elif fault == "oversize":
            conn.sendall(http_head(200, ctype, BIG) + PREFIX[flavour][:-1] + b'"')
            flood(conn, b"a" * 65536, BIG, stop)
        elif fault == "malformed":
            answer(conn, 200, malformed(flavour))
        elif fault == "deep_nesting":
            answer(conn, 200, deep(flavour))
        elif fault == "slow_drip":
            conn.sendall(http_head(200, ctype, 100000))
            drip(conn, PREFIX[flavour] + b" " * 100000, stop)
        elif fault == "5xx":
            answer(conn, 500, error_body(flavour, "InternalFailure", "The service had an internal error."))
        elif fault == "throttling":
            if flavour in ("acm", "sts"):
                answer(conn, 400, error_body(flavour, "ThrottlingException" if flavour == "acm" else "Throttling",
                                             "Rate exceeded"))
            else:
                answer(conn, 429, error_body(flavour, "TooManyRequestsException", "Too many requests"))
        elif fault == "wrong_type":
            answer(conn, 200, b"<html><body><h1>Welcome to nginx!</h1></body></html>", "text/html")
    return handler


def whois_handler(fault, own_port, fixtures):
    def handler(conn, stop):
        conn.settimeout(10)
        data = b""
        while b"\n" not in data:
            chunk = conn.recv(4096)
            if not chunk:
                return
            data += chunk
        if fault == "no_answer":
            hold(conn, stop)
        elif fault == "reset":
            conn.sendall(b"Domain Name: EXAMPLE.COM\r\nRegistrar: Example Registrar\r\nRegistrant Email: ")
            time.sleep(0.1)
            reset(conn)
        elif fault == "oversize":
            flood(conn, b"% This query returned more than anyone should read.\r\n" * 1000, BIG, stop)
        elif fault == "malformed":
            conn.sendall(b"\x00\x1b]0;pwned\x07\x1b[31mRegistrant Email:\x00\xff\xfe\r\n" * 50)
        elif fault == "deep_nesting":
            # A referral to itself, for ever: the chain must end.
            conn.sendall(b"Domain Name: EXAMPLE.COM\r\nRegistrar WHOIS Server: whois://127.0.0.1:%d\r\n" % own_port())
        elif fault == "slow_drip":
            drip(conn, b"% slow " * 10000, stop)
        elif fault == "throttling":
            with open(os.path.join(fixtures, "whois-pir-org-limit-exceeded.txt"), "rb") as f:
                conn.sendall(f.read())
        elif fault == "wrong_type":
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\n\r\n<html>nope</html>\r\n")
    return handler


def tls_handler(fault):
    def handler(conn, stop):
        conn.settimeout(10)
        if not conn.recv(65536):
            return
        if fault == "no_answer":
            hold(conn, stop)
        elif fault == "reset":
            conn.sendall(b"\x16\x03\x03\x00\x5a\x02\x00\x00\x56\x03\x03")
            time.sleep(0.1)
            reset(conn)
        elif fault == "oversize":
            flood(conn, b"\x16\x03\x03\x40\x00" + b"\x0b" * 0x4000, BIG, stop)
        elif fault == "malformed":
            conn.sendall(b"\x16\x03\x03\x00\x10\x1b]0;pwned\x07\x1b[31m\x00\xff\xfe" * 4)
        elif fault == "slow_drip":
            drip(conn, b"\x16\x03\x03\x10\x00\x02\x00\x0f\xfc\x03\x03" + b"\x00" * 4000, stop)
        elif fault == "wrong_type":
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\n\r\n<html>plain HTTP</html>")
    return handler


# DNS: a UDP and a TCP server on one port.

def dns_question(query):
    i = 12
    while query[i] != 0:
        i += 1 + query[i]
    return query[12:i + 5], query[12:i + 1], struct.unpack("!H", query[i + 1:i + 3])[0]


def dns_response(query, rcode=0, answers=(), truncated=False, ancount=None):
    question, _, _ = dns_question(query)
    flags = 0x8180 | rcode | (0x0200 if truncated else 0)
    header = query[:2] + struct.pack("!HHHHH", flags, 1, len(answers) if ancount is None else ancount, 0, 0)
    return header + question + b"".join(answers)


def rr(rtype, rdata, name=b"\xc0\x0c"):
    return name + struct.pack("!HHIH", rtype, 1, 300, len(rdata)) + rdata


def wire(name):
    return b"".join(bytes([len(l)]) + l for l in name.split(b".") if l) + b"\0"


def dns_answer(fault, query):
    """The bytes to send for one query over TCP (None: send nothing)."""
    _, qname, qtype = dns_question(query)
    if fault == "oversize" and qtype == 15:
        hosts = [rr(15, struct.pack("!H", 10) + wire(b"mx%d.example.net" % i)) for i in range(1700)]
        return dns_response(query, answers=hosts[:1500])
    if fault == "malformed":
        # Records whose rdata lies about its own shape (a CAA tag longer than the record).
        bad = {257: b"\x00\xc8issue", 15: b"\x00\x0a\x3fmx", 16: b"\x40short", 1: b"\x7f\x00"}
        return dns_response(query, answers=[rr(qtype, bad.get(qtype, b"\xff"))])
    if fault == "deep_nesting":
        # A CNAME to a longer name, for every name: the chain never ends.
        target = b"a." + b".".join(qname_labels(qname))
        return dns_response(query, answers=[rr(5, wire(target[:250]))])
    if fault == "5xx":
        return dns_response(query, rcode=2)
    if fault == "throttling":
        return dns_response(query, rcode=5)
    if fault == "wrong_type":
        # An answer to another question: TXT records for whatever was asked.
        return dns_response(query, answers=[rr(16, b"\x0bnot for you", name=wire(b"other.example.net"))])
    return dns_response(query)


def qname_labels(qname):
    labels, i = [], 0
    while qname[i] != 0:
        labels.append(qname[i + 1:i + 1 + qname[i]])
        i += 1 + qname[i]
    return labels


class DnsServer:
    def __init__(self, fault):
        self.fault = fault
        self.stop = threading.Event()
        self.tcp = TcpServer(self.tcp_handler)
        self.port = self.tcp.port
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", self.port))
        self.udp.settimeout(0.2)
        threading.Thread(target=self.serve_udp, daemon=True).start()

    def serve_udp(self):
        while not self.stop.is_set():
            try:
                query, peer = self.udp.recvfrom(4096)
            except socket.timeout:
                continue
            except OSError:
                return
            try:
                self.udp_answer(query, peer)
            except (OSError, IndexError, struct.error):
                pass

    def udp_answer(self, query, peer):
        if self.fault == "no_answer":
            return
        if self.fault in ("reset", "oversize", "slow_drip"):
            # Truncated: the client must come back over TCP, where the fault is.
            self.udp.sendto(dns_response(query, truncated=True), peer)
            return
        self.udp.sendto(dns_answer(self.fault, query), peer)

    def tcp_handler(self, conn, stop):
        conn.settimeout(10)
        while not stop.is_set():
            head = conn.recv(2)
            if len(head) < 2:
                return
            query = b""
            while len(query) < struct.unpack("!H", head)[0]:
                chunk = conn.recv(65535)
                if not chunk:
                    return
                query += chunk
            if self.fault == "no_answer":
                hold(conn, stop)
                return
            answer = dns_answer(self.fault, query)
            framed = struct.pack("!H", len(answer)) + answer
            if self.fault == "reset":
                conn.sendall(framed[:len(framed) // 2])
                time.sleep(0.1)
                reset(conn)
                return
            if self.fault == "slow_drip":
                drip(conn, framed, stop)
                return
            conn.sendall(framed)

    def close(self):
        self.stop.set()
        self.tcp.close()
        self.udp.close()


# ---------------------------------------------------------------------------
# The hostile credential_process: small sh scripts (an interpreter that starts
# slowly on a busy machine would turn every cell into a timeout)
# ---------------------------------------------------------------------------

GOOD_START = '{"Version": 1, "AccessKeyId": "AKIDFAULT", "SecretAccessKey": "fault/secret", '
HELPERS = {
    # Exits at once with nothing printed, while a background child keeps stdout open.
    "no_answer": "sleep %d 2>/dev/null &\nexit 0\n" % (HANG_GUARD + 15),
    "reset": "printf '%%s' '%s'\n" % GOOD_START,
    # Never stops printing.
    "oversize": "printf '%%s' '%s\"x\": \"'\nexec yes aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n" % GOOD_START,
    "malformed": "printf '\\033]0;pwned\\007\\033[31m{\"Version\": 1, \"AccessKeyId\": \\377}'\n",
    "slow_drip": "for c in $(echo '%s' | sed 's/./& /g'); do printf '%%s' \"$c\"; sleep %s; done\n"
                 % (GOOD_START.replace(" ", ""), DRIP_PERIOD),
    "5xx": "echo 'helper: the identity provider answered 500' >&2\nexit 1\n",
    "wrong_type": "echo '<Credentials><AccessKeyId>AKIDFAULT</AccessKeyId></Credentials>'\n",
}


def write_helper(fault, work):
    """The command line of a credential helper that fails as @fault says."""
    if fault == "deep_nesting":
        path = os.path.join(work, "deep.json")
        with open(path, "wb") as f:
            f.write(b'{"Version": 1, "AccessKeyId": ' + b"[" * DEEP + b"]" * DEEP + b"}")
        return "/bin/cat " + path
    path = os.path.join(work, "helper.sh")
    with open(path, "w") as f:
        f.write(HELPERS[fault])
    return "/bin/sh " + path


# ---------------------------------------------------------------------------
# Cells
# ---------------------------------------------------------------------------

class Cell:
    def __init__(self, remote, fault, work, src):
        self.remote, self.fault, self.work, self.src = remote, fault, work, src
        self.fixtures = os.environ.get("CERTASSIST_FIXTURES", os.path.join(src, "tests", "fixtures")) + "/registration"
        self.servers = []
        self.env = clean_env(os.path.join(work, "home"))
        self.args = []

    def server(self, handler):
        s = TcpServer(handler)
        self.servers.append(s)
        return s.port

    def port_for(self, handler):
        return closed_port() if self.fault == "refused" else self.server(handler)

    def setup(self):
        getattr(self, "setup_" + self.remote)()

    def setup_dns(self):
        if self.fault == "refused":
            port = closed_port(socket.SOCK_DGRAM)
        else:
            s = DnsServer(self.fault)
            self.servers.append(s)
            port = s.port
        self.args = ["diagnose", "shop.example.com", "--checks", "mail,caa", "--view", "local",
                     "--no-dnssec", "--dns-server", "127.0.0.1@%d" % port]

    def registration_args(self, bootstrap_url, whois_port):
        path = os.path.join(self.work, "bootstrap.json")
        services = [[["com"], [bootstrap_url]]] if bootstrap_url else [[["org"], ["http://127.0.0.1:1/"]]]
        with open(path, "w") as f:
            json.dump({"version": "1.0", "services": services}, f)
        self.args = ["diagnose", "example.com", "--checks", "registration", "--rdap-bootstrap", path,
                     "--whois-server", "127.0.0.1:%d" % whois_port]

    def setup_whois(self):
        holder = {}
        port = self.port_for(whois_handler(self.fault, lambda: holder["port"], self.fixtures))
        holder["port"] = port
        self.registration_args(None, port)

    def setup_rdap(self):
        port = self.port_for(http_handler("rdap", self.fault))
        self.registration_args("http://127.0.0.1:%d/" % port, closed_port())

    def aws_env(self, config):
        path = os.path.join(self.work, "config")
        with open(path, "w") as f:
            f.write(config)
        self.env.update({"AWS_CONFIG_FILE": path, "AWS_SHARED_CREDENTIALS_FILE": os.path.join(self.work, "none"),
                         "AWS_REGION": "us-east-1"})
        self.args = ["list"]

    def acm_ok_server(self):
        """An ACM that answers ListCertificates well, for cells whose fault is elsewhere."""
        def handler(conn, stop):
            if read_http_request(conn) is not None:
                body = b'{"CertificateSummaryList": []}'
                conn.sendall(http_head(200, CONTENT_TYPE["acm"], len(body)) + body)
        return "http://127.0.0.1:%d" % self.server(handler)

    def setup_acm(self):
        port = self.port_for(http_handler("acm", self.fault))
        self.aws_env("[default]\nregion = us-east-1\n")
        self.env.update({"AWS_ACCESS_KEY_ID": "AKIDFAULT", "AWS_SECRET_ACCESS_KEY": "fault/secret",
                         "AWS_ENDPOINT_URL_ACM": "http://127.0.0.1:%d" % port})

    def setup_sts(self):
        port = self.port_for(http_handler("sts", self.fault))
        self.aws_env("[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base/secret\n"
                     "[profile role]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/demo\n"
                     "source_profile = base\n")
        self.env.update({"AWS_ENDPOINT_URL_STS": "http://127.0.0.1:%d" % port,
                         "AWS_ENDPOINT_URL_ACM": self.acm_ok_server()})
        self.args += ["--profile", "role"]

    def setup_sso(self):
        port = self.port_for(http_handler("sso", self.fault))
        self.aws_env("[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\n"
                     "sso_role_name = Admin\nregion = us-east-1\n"
                     "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n")
        cache = os.path.join(self.env["HOME"], ".aws", "sso", "cache")
        os.makedirs(cache, exist_ok=True)
        with open(os.path.join(cache, hashlib.sha1(b"corp").hexdigest() + ".json"), "w") as f:
            json.dump({"accessToken": "fault-sso-token", "expiresAt": "2099-01-01T00:00:00Z",
                       "startUrl": "https://corp.awsapps.com/start", "region": "us-east-1"}, f)
        self.env.update({"AWS_ENDPOINT_URL_SSO": "http://127.0.0.1:%d" % port,
                         "AWS_ENDPOINT_URL_SSO_OIDC": "http://127.0.0.1:%d" % closed_port(),
                         "AWS_ENDPOINT_URL_ACM": self.acm_ok_server()})
        self.args += ["--profile", "sso"]

    def setup_credential_process(self):
        if self.fault == "refused":
            command = os.path.join(self.work, "no-such-helper")
        else:
            command = write_helper(self.fault, self.work)
        self.aws_env("[profile helper]\nregion = us-east-1\ncredential_process = %s\n" % command)
        self.env["AWS_ENDPOINT_URL_ACM"] = self.acm_ok_server()
        self.args += ["--profile", "helper"]

    def setup_tls(self):
        port = self.port_for(tls_handler(self.fault))
        self.args = ["inspect", "127.0.0.1:%d" % port]

    def close(self):
        for s in self.servers:
            s.close()


def clean_env(home):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_") and k != "G_MESSAGES_DEBUG"}
    os.makedirs(home, exist_ok=True)
    env.update({"HOME": home, "XDG_CACHE_HOME": os.path.join(home, ".cache"),
                "XDG_CONFIG_HOME": os.path.join(home, ".config"), "LC_ALL": "C.UTF-8",
                "AWS_CONFIG_FILE": os.path.join(home, "no-config"),
                "AWS_SHARED_CREDENTIALS_FILE": os.path.join(home, "no-credentials")})
    if "ASAN_OPTIONS" in env:
        # ASan's strstr() measures the whole haystack on every call, which makes
        # g_strsplit() quadratic: a capped 256 KB answer would then outlast the deadline.
        # Leaks are the other tests' business; LeakSanitizer's exit-time scan of a CLI whose
        # TLS threads are still blocked has taken a minute on a loaded machine.
        env["ASAN_OPTIONS"] += ":intercept_strstr=0:detect_leaks=0"
    return env


def expected_exit(remote, fault):
    """The contract's exit code: a failed lookup inside a diagnosis is a finding (0);
    a service that could not be used, or a timeout, is 3; a credential source that
    gives no credentials is 4 (a helper too slow for the deadline is a timeout)."""
    if remote == "credential_process":
        return {3} if fault == "slow_drip" else {4}
    return {"dns": {0}, "whois": {0}, "rdap": {0}, "acm": {3}, "sts": {3}, "sso": {3}, "tls": {3}}[remote]


def judge(cell, status, out, err, elapsed):
    """None when the cell holds, else what is wrong."""
    if status is None:
        return "hang: still running after %d s" % (KNOWN_GUARD if (cell.remote, cell.fault) in KNOWN else HANG_GUARD)
    if status < 0:
        return "killed by signal %d" % -status
    if re.search(rb"AddressSanitizer|LeakSanitizer|runtime error:|Segmentation fault|CRITICAL", err):
        return "sanitizer or critical: " + err.decode("utf-8", "replace")[-300:]
    for stream, name in ((out, "stdout"), (err, "stderr")):
        if re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", stream.replace(b"\r\n", b"\n")):
            return "raw control bytes on " + name
    try:
        root = json.loads(out)
    except ValueError:
        return "stdout is not one JSON object: %r" % out[:200]
    expected = expected_exit(cell.remote, cell.fault)
    if status not in expected:
        return "exit %d, the contract says %s: %s" % (status, "/".join(map(str, sorted(expected))),
                                                      json.dumps(root)[:300])
    if status != 0:
        error = root.get("error") if isinstance(root, dict) else None
        if not isinstance(error, dict) or not error.get("code") or not error.get("message"):
            return "no error object with a code and a message: %r" % out[:200]
        # Throttling outlasting the retries, or the deadline cutting the retries short.
        if cell.fault == "throttling" and cell.remote == "acm" and error["code"] not in ("throttled", "timeout"):
            return "throttling reported as %s" % error["code"]
        return None
    return judge_diagnosis(cell, root)


def finding_ids(root):
    return {f.get("id") for f in root.get("findings", []) if isinstance(f, dict)}


def judge_diagnosis(cell, root):
    ids = finding_ids(root)
    if cell.remote == "dns":
        failed = {"mx_lookup_failed", "caa_lookup_failed", "dns_resolver_unreliable"}
        if not ids & failed:
            return "no finding says DNS failed (findings: %s)" % sorted(ids)
        for name in root.get("names", []):
            caa = name.get("caa") or {}
            if caa.get("allows_amazon") and not ids & {"caa_lookup_failed", "dns_resolver_unreliable"}:
                return "CAA verdict 'Amazon may issue' from a failed lookup"
        return None
    registrations = root.get("registrations") or []
    if len(registrations) != 1:
        return "expected one registration, got %d" % len(registrations)
    verdict = registrations[0].get("verdict")
    if cell.fault == "throttling":
        return None if verdict == "rate_limited" else "throttling gave verdict %s" % verdict
    if cell.remote == "whois" and cell.fault in ("malformed", "wrong_type"):
        # The server did answer, with nothing a registration is made of: "no data" is true.
        return None if verdict in ("error", "no_data") else "garbage gave verdict %s" % verdict
    if cell.remote == "whois" and cell.fault == "deep_nesting":
        # A server that names itself as the WHOIS server is how registrars answer: the loop
        # stops at once (no second question) and its answer is classified for what it says.
        return None if verdict in ("error", "no_data", "redacted_no_contact") else "a referral loop gave verdict %s" % verdict
    if verdict != "error" or "rdap_whois_unavailable" not in ids:
        return "verdict %s, findings %s: the failure is not reported as unavailable" % (verdict, sorted(ids))
    return None


def run_cell(cli, remote, fault, base, src):
    work = tempfile.mkdtemp(prefix="%s-%s-" % (remote, fault), dir=base)
    cell = Cell(remote, fault, work, src)
    try:
        cell.setup()
        argv = [cli] + cell.args + ["--timeout", str(TIMEOUT), "--json"]
        start = time.monotonic()
        proc = subprocess.Popen(argv, env=cell.env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        try:
            out, err = proc.communicate(timeout=KNOWN_GUARD if (remote, fault) in KNOWN else HANG_GUARD)
            status = proc.returncode
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            status = None
        elapsed = time.monotonic() - start
        problem = judge(cell, status, out, err, elapsed)
        code = ""
        try:
            root = json.loads(out)
            code = (root.get("error") or {}).get("code", "") if isinstance(root, dict) else ""
        except ValueError:
            pass
        return remote, fault, status, code, elapsed, problem
    finally:
        cell.close()


def main():
    cli = os.environ["CERTASSIST_CLI"]
    src = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    cells = [(r, f) for r in REMOTES for f in FAULTS if (r, f) not in NOT_APPLICABLE]
    results = {}
    with tempfile.TemporaryDirectory(prefix="fault-matrix-") as base:
        with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:
            for r in pool.map(lambda c: run_cell(cli, c[0], c[1], base, src), cells):
                results[(r[0], r[1])] = r
    print("1..%d" % len(cells))
    failed = 0
    for n, key in enumerate(cells, 1):
        remote, fault, status, code, elapsed, problem = results[key]
        what = "%s × %s: exit %s%s in %.1f s" % (remote, fault, status, " (%s)" % code if code else "", elapsed)
        if problem is None and key in KNOWN:
            print("ok %d - %s # TODO passes now, remove from KNOWN: %s" % (n, what, KNOWN[key]))
        elif problem is None:
            print("ok %d - %s" % (n, what))
        elif key in KNOWN:
            print("not ok %d - %s: %s # TODO %s" % (n, what, problem, KNOWN[key]))
        else:
            failed += 1
            print("not ok %d - %s: %s" % (n, what, problem))
    print_matrix(results)
    return 1 if failed else 0


def print_matrix(results):
    width = max(len(f) for f in FAULTS)
    print("# %-18s %s" % ("", " ".join(f[:width].ljust(12) for f in FAULTS)))
    for remote in REMOTES:
        row = []
        for fault in FAULTS:
            r = results.get((remote, fault))
            if r is None:
                row.append("n/a".ljust(12))
                continue
            mark = "ok" if r[5] is None else ("TODO" if (remote, fault) in KNOWN else "FAIL")
            row.append(("%s %s" % (mark, "hang" if r[2] is None else r[2])).ljust(12))
        print("# %-18s %s" % (remote, " ".join(row)))


if __name__ == "__main__":
    sys.exit(main())
