#!/usr/bin/env python3
"""Whether two `meshprobe check --format json` reports find the same rules: the same multiset of
(rule, severity), locations aside, since init --metadata moves values from mesh.yaml to the
metadata files. usage: same_rules.py PLAIN.json METADATA.json NAME"""
import collections
import json
import sys


def rules(path):
    return collections.Counter((f["rule"], f["severity"]) for f in json.load(open(path))["findings"])


plain, metadata, name = rules(sys.argv[1]), rules(sys.argv[2]), sys.argv[3]
if plain != metadata:
    print(f"FAIL: {name}: check finds other rules with --metadata: "
          f"only without {sorted((plain - metadata).elements())}, only with {sorted((metadata - plain).elements())}")
    sys.exit(1)
