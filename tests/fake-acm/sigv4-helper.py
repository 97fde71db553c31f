#!/usr/bin/python3
# The fakes' signature check, done by botocore (the code the AWS CLI signs with), not by
# the product's signer: a bug in ca-sigv4.c is then caught, not agreed with.
#
# One JSON object a line on stdin, one answer a line on stdout, until stdin closes:
#   {"method", "path", "headers": [[name, value], ...] (the signed ones), "body" (base64),
#    "amz_date", "region", "service", "access_key", "secret"}
#   → {"signature": "<hex>"} or {"error": "<words>"}
# SPDX-License-Identifier: GPL-3.0-or-later
import base64
import json
import sys

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def signature(ask):
    headers = [(name, value) for name, value in ask["headers"]]
    host = next(value for name, value in headers if name.lower() == "host")
    request = AWSRequest(method=ask["method"], url=f"http://{host}{ask['path']}",
                         data=base64.b64decode(ask["body"]), headers=dict(headers))
    request.context["timestamp"] = ask["amz_date"]
    signer = SigV4Auth(Credentials(ask["access_key"], ask["secret"]), ask["service"], ask["region"])
    canonical = signer.canonical_request(request)
    return signer.signature(signer.string_to_sign(request, canonical), request)


def main():
    for line in sys.stdin:
        try:
            answer = {"signature": signature(json.loads(line))}
        except (ValueError, KeyError, StopIteration, TypeError) as error:
            answer = {"error": f"cannot check the signature: {error!r}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
