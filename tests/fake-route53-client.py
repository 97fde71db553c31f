#!/usr/bin/python3
# fake-route53-client.py URL: botocore (the AWS CLI's own code) as Route 53's client, for
# tests/test-fake-route53.c: many calls in one python process, where each `aws` run costs a
# python start. Reads a JSON list of steps on stdin, writes a JSON list of results:
#   {"call": "GetHostedZone", "params": {...}, "secret"?: ..., "region"?: ...}
#     → {"ok": answer} or {"error": {"code", "message", "status"}}; a parameter "$change"
#     stands for the ChangeInfo Id of the last change an earlier step made
#   {"raw": {"method", "path", "body"?, "pad"?}}: a request signed by botocore (service
#     route53, us-east-1) with a body no botocore serializer would write (and "pad" spaces
#     after it) → {"status", "body"}
# Keys are AWS's documentation examples; one attempt, no retries.
# SPDX-License-Identifier: GPL-3.0-or-later
import http.client
import json
import sys
import urllib.parse

import botocore.session
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

ACCESS_KEY = "AKIDEXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"


CLIENTS = {}


def client(url, secret, region):
    if (secret, region) in CLIENTS:
        return CLIENTS[(secret, region)]
    session = botocore.session.Session()
    CLIENTS[(secret, region)] = session.create_client(
        "route53", region_name=region, endpoint_url=url, aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=secret, config=Config(retries={"total_max_attempts": 1, "mode": "standard"}))
    return CLIENTS[(secret, region)]


def call(url, step, last_change):
    route53 = client(url, step.get("secret", SECRET), step.get("region", "us-east-1"))
    params = {key: last_change if value == "$change" else value for key, value in step.get("params", {}).items()}
    try:
        answer = getattr(route53, step["call"])(**params)
    except ClientError as error:
        return {"error": {"code": error.response["Error"].get("Code"),
                          "message": error.response["Error"].get("Message"),
                          "status": error.response["ResponseMetadata"]["HTTPStatusCode"]}}
    answer.pop("ResponseMetadata", None)
    return {"ok": answer}


RAW_CONNECTIONS = {}


def raw(url, step):
    body = (step.get("body", "") + " " * step.get("pad", 0)).encode()
    request = AWSRequest(method=step["method"], url=url + step["path"], data=body)
    SigV4Auth(Credentials(ACCESS_KEY, SECRET), "route53", "us-east-1").add_auth(request)
    # One kept-alive connection, as botocore's own: the client closes it, at exit.
    if url not in RAW_CONNECTIONS:
        RAW_CONNECTIONS[url] = http.client.HTTPConnection(urllib.parse.urlsplit(url).netloc, timeout=30)
    connection = RAW_CONNECTIONS[url]
    connection.request(step["method"], step["path"], body=body or None, headers=dict(request.headers.items()))
    answer = connection.getresponse()
    return {"status": answer.status, "body": answer.read().decode()}


def main():
    url = sys.argv[1]
    results = []
    last_change = None
    for step in json.load(sys.stdin):
        results.append(raw(url, step["raw"]) if "raw" in step else call(url, step, last_change))
        last_change = results[-1].get("ok", {}).get("ChangeInfo", {}).get("Id", last_change)
    json.dump(results, sys.stdout, default=str)


if __name__ == "__main__":
    main()
