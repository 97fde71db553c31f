#!/usr/bin/env python3
# secret-hygiene.py: no secret key, session token or SSO token in any output, log or file.
#
# Starts the fake ACM (tests/fake-acm) twice, once answering and once echoing the request's
# credentials into every error (`echo-credentials`, as AWS's signature-mismatch message quotes
# the session token), and the loopback IAM Identity Center (tests/sso-server.c). Then runs
# certassist-cli through every subcommand that touches AWS, in text, --json and --markdown,
# with G_MESSAGES_DEBUG=all, under four credential sources, each with secrets of its own:
# the environment, a credentials file, a credential_process and an SSO token cache.
# Every stdout and stderr, and every file the runs wrote or changed under the temporary
# HOME and XDG directories, is searched for each secret, plain, base64 (at every alignment)
# and URL-encoded. The AWS CLI's own caches (~/.aws/sso/cache, ~/.aws/cli/cache) may hold
# tokens: that is what they are for. The GUI's export is checked by tests/test-gui-summary.c.
#
# Usage: secret-hygiene.py CLI FAKE_ACM SSO_SERVER   (TAP on stdout)
#
# SPDX-License-Identifier: GPL-3.0-or-later
import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

HANG_GUARD = 60      # a run still going after this is a hang, not a slow machine

PENDING = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0001-4000-8000-000000000001"
TIMED_OUT = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0002-4000-8000-000000000002"
ISSUED_EMAIL = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0003-4000-8000-000000000003"
ISSUED_DNS = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0004-4000-8000-000000000004"

# Each source's identity; the key ids are no secret, all the rest is.
SOURCES = {
    "environment": ("AKIAHYGIENEENV000001", "hygEnvSecret/4Qw+ZpXv0Lm3Nb8Rt2Yu5Io9PaSdFgHj",
                    "HYGenvSession//FwoGZXIvYXdzE+q7Rk2LmN8pXcVb3Wz=="),
    "file": ("AKIAHYGIENEFILE00001", "hygFileSecret/8Hk+Lm2Np4Qr6St8Uv0Wx2Yz4Ab6Cd",
             "HYGfileSession//IQoJb3JpZ2luX2Vj+T5yHn3Jm7Kp=="),
    "process": ("AKIAHYGIENEPROC00001", "hygProcSecret/1Zx+Cv3Bn5Mq7We9Rt1Yu3Io5Pa7Sd",
                "HYGprocSession//AgoJb3JpZ2luX2Vj+Lq8Wm4Xn6Bv=="),
    # What tests/ca-test-sso-server.c's portal hands out for the cached token.
    "sso": ("ASIASSO", "sso/secret", "ssotoken"),
}
# Tokens of IAM Identity Center (tests/ca-test-sso-server.h): the cache holds them, nothing else may.
SSO_ACCESS_TOKEN = "TOKEN-access-9b21"
SSO_REFRESH_TOKEN = "TOKEN-refresh-4c1d"
SSO_CLIENT_SECRET = "SECRET-client-7f3a"

SECRETS = {}
for _name, (_key_id, _secret, _token) in SOURCES.items():
    SECRETS["%s secret key" % _name] = _secret
    SECRETS["%s session token" % _name] = _token
SECRETS["SSO access token"] = SSO_ACCESS_TOKEN
SECRETS["SSO refresh token"] = SSO_REFRESH_TOKEN
SECRETS["SSO client secret"] = SSO_CLIENT_SECRET
# The fake's example key, which the echo falls back to.
SECRETS["example secret key"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"


def encoded_forms(secret):
    """The secret as a program might write it: plain, URL-encoded, JSON-escaped, base64."""
    raw = secret.encode()
    forms = {"plain": raw,
             "url-encoded": urllib.parse.quote(secret, safe="").encode(),
             "url-encoded (lower case)": urllib.parse.quote(secret, safe="").lower().encode(),
             "form-encoded": urllib.parse.quote_plus(secret).encode(),
             "JSON-escaped": json.dumps(secret)[1:-1].replace("/", "\\/").encode()}
    # Inside a longer base64 text the secret's letters depend on its offset modulo 3:
    # keep the part of each alignment that only the secret's bytes decide.
    for shift in range(3):
        for name, encode in (("base64", base64.b64encode), ("base64url", base64.urlsafe_b64encode)):
            text = encode(b"\0" * shift + raw)
            core = text[4 if shift else 0:-4]
            if len(core) >= 12:
                forms["%s at offset %d" % (name, shift)] = core
    return {name: form for name, form in forms.items() if form}


FORMS = {name: encoded_forms(secret) for name, secret in SECRETS.items()}


def leaks(data):
    """The secrets (and their forms) found in @data, as "name (form)"."""
    found = []
    for name, forms in FORMS.items():
        for form_name, form in forms.items():
            if form in data:
                found.append("%s (%s)" % (name, form_name))
    return found


class Hygiene:
    def __init__(self, cli, fake_acm, sso_server):
        self.cli = cli
        self.fake_acm = fake_acm
        self.sso_server = sso_server
        self.root = tempfile.mkdtemp(prefix="certassist-hygiene-")
        self.home = os.path.join(self.root, "home")
        self.processes = []
        self.results = []     # (label, ok, problem)
        self.outputs = []     # (label, bytes)
        self.debug_lines = 0
        self.snapshot = {}

    # -- the stage --------------------------------------------------------

    def write(self, path, text, mode=0o600):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
        os.chmod(path, mode)

    def write_aws_files(self):
        aws = os.path.join(self.home, ".aws")
        process_id, process_secret, process_token = SOURCES["process"]
        helper = os.path.join(self.root, "bin", "credential-helper")
        self.write(helper, "#!/bin/sh\nprintf '%s\\n'\n" % json.dumps(
            {"Version": 1, "AccessKeyId": process_id, "SecretAccessKey": process_secret,
             "SessionToken": process_token}), 0o700)
        file_id, file_secret, file_token = SOURCES["file"]
        self.write(os.path.join(aws, "credentials"),
                   "[file]\naws_access_key_id = %s\naws_secret_access_key = %s\naws_session_token = %s\n"
                   % (file_id, file_secret, file_token))
        self.write(os.path.join(aws, "config"),
                   "[default]\nregion = us-east-1\n"
                   "[profile file]\nregion = us-east-1\n"
                   "[profile process]\nregion = us-east-1\ncredential_process = %s\n"
                   "[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\n"
                   "sso_role_name = Admin Role\nregion = us-east-1\n"
                   "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
                   "sso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n" % helper)
        expires = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 8 * 3600))
        cache = os.path.join(aws, "sso", "cache", hashlib.sha1(b"corp").hexdigest() + ".json")
        self.write(cache, json.dumps({
            "startUrl": "https://corp.awsapps.com/start", "region": "eu-west-1",
            "accessToken": SSO_ACCESS_TOKEN, "expiresAt": expires,
            "clientId": "client-1", "clientSecret": SSO_CLIENT_SECRET,
            "registrationExpiresAt": expires, "refreshToken": SSO_REFRESH_TOKEN}))

    def write_seed(self):
        with open(os.path.join(os.environ.get("G_TEST_SRCDIR", os.path.dirname(__file__)),
                               "data", "fake-acm-demo.json")) as f:
            seed = json.load(f)
        seed["record_delay_ms"] = 0
        seed["keys"] = [{"AccessKeyId": key_id, "SecretAccessKey": secret, "SessionToken": token}
                        for key_id, secret, token in SOURCES.values()]
        path = os.path.join(self.root, "seed.json")
        self.write(path, json.dumps(seed))
        return path

    def start(self, argv, env=None):
        process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   env=env, cwd=self.root)
        self.processes.append(process)
        return process.stdout.readline().decode().strip()

    def set_up(self):
        for sub in ("home", "cache", "config", "data", "state", "runtime", "tmp"):
            os.makedirs(os.path.join(self.root, sub), mode=0o700, exist_ok=True)
        self.write_aws_files()
        seed = self.write_seed()
        self.url = self.start([self.fake_acm, "--seed", seed, "--url-file", os.path.join(self.root, "url")])
        self.echo_url = self.start([self.fake_acm, "--seed", seed, "--fault", "echo-credentials:1000000"])
        sso_home = os.path.join(self.root, "sso-home")
        os.makedirs(sso_home)
        sso_env = dict(os.environ, HOME=sso_home)
        self.sso_url = self.start([self.sso_server, "token"], sso_env)[len("url="):]
        # What the runs may change is judged against this.
        self.snapshot = self.files()

    def tear_down(self):
        for process in self.processes:
            if process.stdin:
                process.stdin.close()
            process.terminate()
            process.wait(timeout=HANG_GUARD)
        shutil.rmtree(self.root, ignore_errors=True)

    def files(self):
        found = {}
        for directory, _, names in os.walk(self.root):
            for name in names:
                path = os.path.join(directory, name)
                if os.path.isfile(path) and not os.path.islink(path):
                    with open(path, "rb") as f:
                        found[path] = f.read()
        return found

    # -- running the CLI --------------------------------------------------

    def environment(self, source, url):
        env = {key: value for key, value in os.environ.items()
               if not key.startswith("AWS_") and key not in ("G_DEBUG",)}
        env.update({
            "HOME": self.home,
            "XDG_CACHE_HOME": os.path.join(self.root, "cache"),
            "XDG_CONFIG_HOME": os.path.join(self.root, "config"),
            "XDG_DATA_HOME": os.path.join(self.root, "data"),
            "XDG_STATE_HOME": os.path.join(self.root, "state"),
            "XDG_RUNTIME_DIR": os.path.join(self.root, "runtime"),
            "TMPDIR": os.path.join(self.root, "tmp"),
            "G_MESSAGES_DEBUG": "all",
            "CERTASSIST_RETRY_BASE_MS": "1",
            "AWS_CONFIG_FILE": os.path.join(self.home, ".aws", "config"),
            "AWS_SHARED_CREDENTIALS_FILE": os.path.join(self.home, ".aws", "credentials"),
            "AWS_ENDPOINT_URL_ACM": url,
            "AWS_ENDPOINT_URL_ROUTE_53": url,
            "AWS_ENDPOINT_URL_SSO": self.sso_url,
            "AWS_ENDPOINT_URL_SSO_OIDC": self.sso_url,
            "AWS_ENDPOINT_URL_STS": url,
            "AWS_REGION": "us-east-1",
        })
        if source == "environment":
            key_id, secret, token = SOURCES[source]
            env.update({"AWS_ACCESS_KEY_ID": key_id, "AWS_SECRET_ACCESS_KEY": secret,
                        "AWS_SESSION_TOKEN": token})
        else:
            env["AWS_PROFILE"] = source
        return env

    def run(self, source, args, url=None, expect=(0,)):
        """Runs the CLI; checks it exited (no crash, no hang), with one of @expect,
        and that --json output is JSON whatever the debug lines."""
        label = "%s%s: certassist-cli %s" % (source, " (ACM echoing)" if url == self.echo_url else "",
                                              " ".join(args))
        env = self.environment(source, url or self.url)
        try:
            done = subprocess.run([self.cli] + args, env=env, cwd=self.root, stdin=subprocess.DEVNULL,
                                  capture_output=True, timeout=HANG_GUARD)
        except subprocess.TimeoutExpired:
            self.results.append((label, False, "no exit after %d s" % HANG_GUARD))
            return None
        self.outputs.append((label + " (stdout)", done.stdout))
        self.outputs.append((label + " (stderr)", done.stderr))
        self.debug_lines += done.stderr.count(b"-DEBUG: ")
        problem = None
        if done.returncode not in expect:
            problem = "exit %d, wanted %s; stderr: %s" % (done.returncode, expect,
                                                           done.stderr.decode(errors="replace")[-600:])
        elif "--json" in args and args[0] != "watch":
            try:
                json.loads(done.stdout)
            except ValueError:
                problem = "--json printed no JSON object on stdout: %r" % done.stdout[:200]
        self.results.append((label, problem is None, problem))
        return done

    # -- the journeys -----------------------------------------------------

    def has_command(self, name):
        done = subprocess.run([self.cli, "--help"], capture_output=True, env=self.environment("environment", self.url))
        return (" %s " % name).encode() in done.stdout or ("\n  %s" % name).encode() in done.stdout

    def every_command(self, source):
        """Every subcommand that touches AWS, in each of its formats."""
        run = self.run
        for fmt in ([], ["--json"]):
            run(source, ["list"] + fmt)
            run(source, ["resend", PENDING, "--name", "shop.example.com"] + fmt)
            run(source, ["migrate", "--all", "--regions", "us-east-1"] + fmt)
            run(source, ["delete", TIMED_OUT] + fmt, expect=(2,))
        for fmt in ([], ["--json"], ["--markdown"]):
            run(source, ["describe", PENDING] + fmt)
            run(source, ["inspect", ISSUED_DNS] + fmt)
            run(source, ["scan", "--regions", "us-east-1"] + fmt)
            run(source, ["diagnose", "--arn", PENDING, "--checks", "certificate", "--view", "local",
                         "--dns-server", "127.0.0.1@9", "--no-dnssec", "--timeout", "2"] + fmt)
        run(source, ["request", "hygiene-%s.example.com" % source, "--method", "dns"])
        requested = run(source, ["request", "hygiene-json-%s.example.com" % source, "--method", "email", "--json"])
        run(source, ["watch", ISSUED_DNS, "--json"])
        run(source, ["migrate", ISSUED_EMAIL, "--json"])
        run(source, ["migrate", "--all", "--yes", "--regions", "us-east-1", "--json"])
        if requested is not None and requested.returncode == 0:
            arn = json.loads(requested.stdout)["arn"]
            run(source, ["delete", arn, "--yes", "--json"])
        if self.has_command("publish"):
            # No Route 53 answers here: its errors are checked, not its success.
            for fmt in ([], ["--json"]):
                run(source, ["publish", PENDING] + fmt, expect=(0, 1, 2, 3, 4, 5))

    def some_commands(self, source):
        """The credential chain of another source: enough calls to sign with it."""
        for fmt in ([], ["--json"], ["--markdown"]):
            self.run(source, ["describe", PENDING] + fmt)
        self.run(source, ["list", "--json"])
        self.run(source, ["scan", "--regions", "us-east-1", "--json"])

    def echoed(self, source):
        """ACM answering with the request's Authorization header, secret and token."""
        for args in (["list"], ["list", "--json"], ["describe", PENDING], ["describe", PENDING, "--markdown"],
                     ["resend", PENDING, "--name", "shop.example.com", "--json"],
                     ["scan", "--regions", "us-east-1"], ["scan", "--regions", "us-east-1", "--json"],
                     ["diagnose", "--arn", PENDING, "--checks", "certificate", "--view", "local",
                      "--dns-server", "127.0.0.1@9", "--no-dnssec", "--timeout", "2", "--json"]):
            # scan reports a refusing region in its table (exit 0 or 4 by the contract),
            # diagnose as a finding: any of them, as long as nothing leaks.
            done = self.run(source, args, url=self.echo_url, expect=(0, 3, 4))
            # The echo was received and its harmless part shown: the secrets were there to leak.
            if done is not None and args[0] in ("list", "describe") and (
                    done.returncode != 4 or b"is not authorized" not in done.stdout + done.stderr):
                self.results.append(("%s: ACM's echo reached %s" % (source, args[0]), False,
                                     "exit %d, no “is not authorized” in its output" % done.returncode))

    # -- the verdict ------------------------------------------------------

    def allowed(self, path):
        cache_dirs = (os.path.join(self.home, ".aws", "sso", "cache") + os.sep,
                      os.path.join(self.home, ".aws", "cli", "cache") + os.sep)
        return path.startswith(cache_dirs)

    def scan(self):
        for label, data in self.outputs:
            found = leaks(data)
            if found:
                self.results.append(("no secret in " + label, False, ", ".join(found)))
        written, leaked = 0, []
        for path, data in self.files().items():
            if self.snapshot.get(path) == data or self.allowed(path):
                continue
            written += 1
            found = leaks(data)
            if found:
                leaked.append("%s: %s" % (os.path.relpath(path, self.root), ", ".join(found)))
        self.results.append(("no secret in the %d files the runs wrote or changed" % written, not leaked,
                             "; ".join(leaked)))
        # The runs must have been watched: debug lines on, outputs captured.
        self.results.append(("G_MESSAGES_DEBUG=all gave debug lines to search (%d)" % self.debug_lines,
                             self.debug_lines > 0, "none"))
        self.results.append(("%d outputs searched for %d secrets in %d forms" % (
            len(self.outputs), len(SECRETS), sum(len(f) for f in FORMS.values())), len(self.outputs) > 0, ""))
        return written


def main():
    if len(sys.argv) != 4:
        print("usage: secret-hygiene.py CLI FAKE_ACM SSO_SERVER", file=sys.stderr)
        return 2
    hygiene = Hygiene(*sys.argv[1:])
    try:
        hygiene.set_up()
        hygiene.every_command("environment")
        for source in ("file", "process", "sso"):
            hygiene.some_commands(source)
        for source in SOURCES:
            hygiene.echoed(source)
        hygiene.scan()
    finally:
        hygiene.tear_down()

    failed = 0
    print("1..%d" % len(hygiene.results))
    for n, (label, ok, problem) in enumerate(hygiene.results, 1):
        if ok:
            print("ok %d - %s" % (n, label))
        else:
            failed += 1
            print("not ok %d - %s: %s" % (n, label, problem))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
