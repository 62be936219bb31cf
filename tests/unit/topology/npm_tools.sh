# The npm tools the topology tests validate with, installed once into the current folder:
# ajv (JSON Schema 2020-12), mermaid's parser and jsdom for it. Sourced; exits 77 (skip) only
# when the npm registry cannot be reached.
packages=(ajv-cli@5.0.0 ajv-formats@3.0.1 mermaid@10.9.1 jsdom@24.1.0)
if [ ! -d node_modules/mermaid ] || [ ! -x node_modules/.bin/ajv ]; then
  if ! command -v npm >/dev/null; then echo "FAIL: npm is not installed"; exit 1; fi
  if ! npm install --no-audit --no-fund --no-save "${packages[@]}" >npm.log 2>&1; then
    # In CI the validators are part of the proof: a registry out of reach fails, never skips.
    if ! npm ping >/dev/null 2>&1; then
      [ -n "${CI:-}" ] && { echo "FAIL: the npm registry cannot be reached (CI)"; exit 1; }
      echo "SKIP: the npm registry cannot be reached"; exit 77
    fi
    cat npm.log; echo "FAIL: npm install failed"; exit 1
  fi
fi
