#!/usr/bin/env python3
"""Replaces one benchmark's section of bench/RESULTS.md, or appends it.

usage: results_md.py NAME RESULTS_MD < SECTION_BODY

A section sits between <!-- NAME:begin --> and <!-- NAME:end --> lines; the rest of the file
belongs to other benchmarks and is left as it is.
"""
import os
import sys


def replace_section(results, name, body):
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    text = open(results).read() if os.path.exists(results) else ""
    block = begin + "\n" + "\n".join(body).rstrip("\n") + "\n" + end
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + ("\n\n" if text else "") + block + "\n"
    with open(results, "w") as markdown:
        markdown.write(text)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.splitlines()[2])
    replace_section(sys.argv[2], sys.argv[1], sys.stdin.read().splitlines())
