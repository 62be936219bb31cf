#!/usr/bin/python3
"""Validates YAML files against meshprobe's JSON Schemas with Debian's python3-jsonschema.

usage: yaml_schema_check.py SCHEMA [--expect-invalid] FILE...

Files are read as an editor's YAML 1.2 language server reads them (not PyYAML's YAML 1.1):
only true/false in their three spellings are booleans, dates stay text, and a key given twice
is an error. Prints one line per file; exits 1 when any file is not as expected.
"""
import json
import pathlib
import re
import sys

import jsonschema
import yaml


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core's booleans, no timestamps, and duplicate keys refused."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def construct_mapping(loader, node, deep=False):
    # Only keys written in this mapping count; a key written here overrides one merged by `<<`.
    seen = {}
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first at line {seen[key] + 1})", key_node.start_mark)
        seen[key] = key_node.start_mark.line
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


Yaml12Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)


def validator_for(schema_path):
    schema_file = pathlib.Path(schema_path).resolve()
    schema = json.loads(schema_file.read_text())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    # Relative $refs (metadata.schema.json -> mesh.schema.json) resolve beside the schema file.
    resolver = jsonschema.RefResolver(base_uri=schema_file.as_uri(), referrer=schema)
    return cls(schema, resolver=resolver)


def problems(validator, path):
    try:
        document = yaml.load(pathlib.Path(path).read_text(), Loader=Yaml12Loader)
    except yaml.YAMLError as error:
        return [f"not YAML: {error}".replace("\n", " ")]
    return [f"{'.'.join(map(str, e.absolute_path)) or 'top level'}: {e.message}"
            for e in validator.iter_errors(document)]


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    validator = validator_for(argv[1])
    expect_invalid = argv[2] == "--expect-invalid"
    files = argv[3:] if expect_invalid else argv[2:]
    failed = False
    for path in files:
        found = problems(validator, path)
        if expect_invalid and not found:
            print(f"FAIL {path}: the schema accepts it")
            failed = True
        elif not expect_invalid and found:
            print(f"FAIL {path}: " + "; ".join(found[:5]))
            failed = True
        else:
            print(f"ok {path}" + (f" (rejected: {found[0]})" if found else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
