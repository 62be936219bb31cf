#!/usr/bin/python3
"""Every contract the project ships (fixtures/**/mesh.yaml, tests/corpus_contracts/**/mesh.yaml)
and every metadata file they name matches docs/mesh.schema.json or docs/metadata.schema.json;
the bad contracts whose mistake is one of form are rejected.

usage: fixtures_match_schema.py SOURCE_DIR
"""
import pathlib
import sys

import yaml

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import yaml_schema_check  # noqa: E402

# fixtures/bad-contracts cases whose mistake the schema can see (the others name a tier or a
# service that does not exist, which only `check` knows).
REJECTED_BY_FORM = ["duplicate-key", "unknown-key-typo", "wrong-type", "yaml-syntax"]


def metadata_files(contract):
    document = yaml.load(contract.read_text(), Loader=yaml_schema_check.Yaml12Loader)
    folder = document.get("metadata") if isinstance(document, dict) else None
    if not folder:
        return []
    return sorted(p for p in (contract.parent / str(folder)).iterdir() if p.suffix in (".yaml", ".yml"))


def check(validator, files, expect_invalid=False):
    failed = 0
    for path in files:
        problems = yaml_schema_check.problems(validator, path)
        if bool(problems) != expect_invalid:
            print(f"FAIL {path}: " + ("the schema accepts it" if expect_invalid else "; ".join(problems[:5])))
            failed += 1
    return failed


def main(argv):
    source = pathlib.Path(argv[1])
    mesh = yaml_schema_check.validator_for(source / "docs/mesh.schema.json")
    metadata = yaml_schema_check.validator_for(source / "docs/metadata.schema.json")
    contracts = sorted(p for root in ("fixtures", "tests/corpus_contracts") for p in (source / root).rglob("mesh.yaml")
                       if "bad-contracts" not in p.parts)
    metadata_paths = [m for c in contracts for m in metadata_files(c)]
    bad = [source / "fixtures/bad-contracts" / name / "mesh.yaml" for name in REJECTED_BY_FORM]
    # A test that finds nothing to check must not pass.
    if len(contracts) < 50 or not metadata_paths:
        print(f"FAIL: found only {len(contracts)} contracts and {len(metadata_paths)} metadata files")
        return 1
    failed = check(mesh, contracts) + check(metadata, metadata_paths) + check(mesh, bad, expect_invalid=True)
    print(f"{len(contracts)} contracts, {len(metadata_paths)} metadata files, {len(bad)} bad contracts: {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
