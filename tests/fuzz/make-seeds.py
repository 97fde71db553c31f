#!/usr/bin/env python3
# make-seeds.py OUTDIR SRCROOT: the seed corpus of every fuzz harness, from the test data.
#
# Nothing binary is committed: the seeds are cut from what the tests already use
# (tests/fixtures, tests/data, tests/zones, the names in tests/test-domain.c and
# the certificates tests/make-certs.sh makes), so they follow the tests.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import ipaddress
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

out, src = sys.argv[1], sys.argv[2]
tests = os.path.join(src, "tests")
registration = os.path.join(tests, "fixtures", "registration")
DNS_TYPES = ["A", "NS", "CNAME", "MX", "TXT", "AAAA", "CAA"]  # harness order
DNS_MESSAGE, DNS_NAME = len(DNS_TYPES), len(DNS_TYPES) + 1


def write(harness, name, data):
    path = os.path.join(out, harness)
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def read(*parts):
    with open(os.path.join(*parts), "rb") as f:
        return f.read()


def wire_name(name):
    labels = [l for l in name.rstrip(".").split(".") if l]
    return b"".join(bytes([len(l)]) + l.encode() for l in labels) + b"\0"


def character_strings(text):
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', text) or [text]
    return b"".join(bytes([len(p.encode())]) + p.encode() for p in parts)


def rdata(rtype, fields, origin):
    def absolute(n):
        return n if n.endswith(".") else (origin if n == "@" else n + "." + origin)
    if rtype == "A":
        return ipaddress.IPv4Address(fields[0]).packed
    if rtype == "AAAA":
        return ipaddress.IPv6Address(fields[0]).packed
    if rtype in ("NS", "CNAME"):
        return wire_name(absolute(fields[0]))
    if rtype == "MX":
        return int(fields[0]).to_bytes(2, "big") + wire_name(absolute(fields[1]))
    if rtype == "TXT":
        return character_strings(" ".join(fields))
    if rtype == "CAA":
        tag, value = fields[1], " ".join(fields[2:]).strip('"')
        return bytes([int(fields[0]), len(tag)]) + tag.encode() + value.encode()
    return None


def dns_seeds():
    names = set()
    zones = os.path.join(tests, "zones", "lab")
    for zone in sorted(f for f in os.listdir(zones) if f.endswith(".zone")):
        origin = zone[:-len(".zone")].split(".new")[0].split(".old")[0] + "."
        for n, line in enumerate(read(zones, zone).decode().splitlines()):
            line = line.split(";")[0] if '"' not in line else line
            fields = line.split()
            types = [i for i, f in enumerate(fields) if f in DNS_TYPES]
            if not types:
                continue
            i = types[0]
            try:
                data = rdata(fields[i], [f.replace("@NET@", "127.0.53") for f in fields[i + 1:]], origin)
            except ValueError:  # a template the lab fills in at run time
                data = None
            if data is not None:
                write("dns-rdata", "%s-%d-%s" % (zone, n, fields[i]), bytes([DNS_TYPES.index(fields[i])]) + data)
            if fields[0] not in ("@", "$ORIGIN", "$TTL"):
                names.add(fields[0].rstrip(".") if fields[0].endswith(".") else fields[0] + "." + origin.rstrip("."))
    # A referral as the delegation probe receives it: example.com's NS set in the authority section.
    header = bytes.fromhex("abcd8100000100000002 0000".replace(" ", ""))
    question = wire_name("example.com") + b"\0\x02\0\x01"
    authority = b""
    for ns in ("ns1.example.com", "ns2.example.net"):
        target = wire_name(ns)
        authority += b"\xc0\x0c\0\x02\0\x01\0\0\x0e\x10" + len(target).to_bytes(2, "big") + target
    write("dns-rdata", "referral", bytes([DNS_MESSAGE]) + header + question + authority)
    write("dns-rdata", "name-compressed", bytes([DNS_NAME]) + b"\x03www\xc0\x05\x07example\x03com\0")
    return names


def names_seeds(zone_names):
    literals = re.findall(r'"((?:[^"\\]|\\.)*)"', read(tests, "test-domain.c").decode())
    seeds = sorted(set(l for l in literals if "." in l and " " not in l and len(l) < 300) | zone_names)
    for i, name in enumerate(seeds):
        data = name.encode().decode("unicode_escape").encode("latin-1", "ignore") if "\\" in name else name.encode()
        write("names", "name-%03d" % i, data + b"\0" + b"example.com")
    write("names", "idna", "bücher.example\0*.example.com".encode())
    write("names", "target", b"www.example.com:8443\0www.example.com")


def registration_seeds():
    for f in sorted(os.listdir(registration)):
        if f.startswith("whois-"):
            write("whois", f, read(registration, f))
        elif f.startswith("rdap-"):
            write("rdap", f, read(registration, f))
    aux = os.path.join(registration, "aux")
    for f in sorted(os.listdir(aux)):
        write("rdap" if f.endswith(".json") else "whois", "aux-" + f, read(aux, f))


def acm_seeds():
    demo = json.loads(read(tests, "data", "fake-acm-demo.json"))
    summaries = []
    for i, cert in enumerate(demo.get("certificates", [])):
        detail = dict(cert)
        names = cert.get("SubjectAlternativeNames", [cert.get("DomainName", "example.com")])
        detail["DomainValidationOptions"] = [{
            "DomainName": n, "ValidationDomain": n, "ValidationStatus": cert.get("Status", "PENDING_VALIDATION"),
            "ValidationMethod": cert.get("ValidationMethod", "EMAIL"),
            "ValidationEmails": ["admin@" + n, "hostmaster@" + n],
            "ResourceRecord": {"Name": "_x1." + n + ".", "Type": "CNAME", "Value": "_x2.acm-validations.aws."},
        } for n in names]
        detail["CreatedAt"] = 1780000000.0
        write("acm-json", "describe-%02d.json" % i, json.dumps({"Certificate": detail}, indent=1))
        summaries.append({k: v for k, v in detail.items() if k != "DomainValidationOptions"})
    write("acm-json", "list.json", json.dumps({"CertificateSummaryList": summaries, "NextToken": "t"}, indent=1))
    write("acm-json", "error-throttling.json", '{"__type":"ThrottlingException","message":"Rate exceeded"}')
    write("acm-json", "error-code.json", '{"code":"ResourceNotFoundException","Message":"Could not find"}')


def aws_seeds():
    config, credentials = read(tests, "data", "aws-config"), read(tests, "data", "aws-credentials")
    write("aws-config", "config-and-credentials", config + b"\0" + credentials)
    write("aws-config", "config-only", config)
    script = read(tests, "data", "credential-process.sh").decode()
    for i, line in enumerate(re.findall(r"printf '(\{.*?\})\\n'", script)):
        write("credential-process", "helper-%d.json" % i, line.replace("%s", "2030-01-01T00:00:00Z"))
    cred_tests = read(tests, "test-credentials.c").decode()
    xml = re.findall(r'"(<AssumeRoleResponse.*?)";', cred_tests, re.S)
    for i, chunk in enumerate(xml):
        text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', '"' + chunk + '"')).replace('\\"', '"')
        write("sts-xml", "assume-role-%d.xml" % i, text)
    write("sts-xml", "error.xml", '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>'
          '<Message>not allowed</Message></Error></ErrorResponse>')
    route53_seeds()


def route53_seeds():
    """Route 53's answers in the shapes of aws-protocol.md §8."""
    ns = ' xmlns="https://route53.amazonaws.com/doc/2013-04-01/"'
    zone = ('<HostedZone><Id>/hostedzone/Z1D633PJN98FT9</Id><Name>example.com.</Name>'
            '<CallerReference>ref</CallerReference><Config><PrivateZone>false</PrivateZone></Config>'
            '<ResourceRecordSetCount>4</ResourceRecordSetCount></HostedZone>')
    write("route53-xml", "list.xml", f'<?xml version="1.0"?><ListHostedZonesByNameResponse{ns}><HostedZones>'
          f'{zone}</HostedZones><DNSName>example.com.</DNSName><IsTruncated>true</IsTruncated>'
          '<NextDNSName>example.net.</NextDNSName><NextHostedZoneId>Z2</NextHostedZoneId>'
          '<MaxItems>1</MaxItems></ListHostedZonesByNameResponse>')
    write("route53-xml", "zone.xml", f'<GetHostedZoneResponse{ns}>{zone}<DelegationSet><NameServers>'
          '<NameServer>ns-1.awsdns-01.org</NameServer><NameServer>ns-2.awsdns-02.com</NameServer>'
          '</NameServers></DelegationSet></GetHostedZoneResponse>')
    write("route53-xml", "change.xml", f'<ChangeResourceRecordSetsResponse{ns}><ChangeInfo><Id>/change/C2682N5HXP0BZ4</Id>'
          '<Status>PENDING</Status><SubmittedAt>2026-12-06T10:00:00.000Z</SubmittedAt></ChangeInfo>'
          '</ChangeResourceRecordSetsResponse>')
    write("route53-xml", "error.xml", f'<ErrorResponse{ns}><Error><Type>Sender</Type><Code>InvalidChangeBatch</Code>'
          '<Message>[RRSet with DNS name _x.example.org. is not permitted in zone example.com.]</Message>'
          '</Error><RequestId>b25f48e8-84fd-11e6-80d9-574e0c4664cb</RequestId></ErrorResponse>')


def x509_seeds():
    if shutil.which("openssl") is None:
        return
    with tempfile.TemporaryDirectory() as work:
        certs = os.path.join(work, "certs")
        subprocess.run(["sh", os.path.join(tests, "make-certs.sh"), certs, os.path.join(work, "stamp")], check=True)
        for f in sorted(os.listdir(certs)):
            path = os.path.join(certs, f)
            if os.path.isfile(path) and "key" not in f and os.path.getsize(path) < 64 * 1024:
                write("x509", f, read(path))


def main():
    shutil.rmtree(out, ignore_errors=True)
    names_seeds(dns_seeds())
    registration_seeds()
    acm_seeds()
    aws_seeds()
    x509_seeds()
    with open(os.path.join(out, "stamp"), "w") as f:
        f.write("seeds\n")


main()
