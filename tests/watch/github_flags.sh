#!/usr/bin/env bash
# watch --github-issues refuses, before it watches anything, what it could not open issues with:
# no GITHUB_TOKEN, a repository that is not OWNER/REPO, a GITHUB_API_URL that is no http(s) URL.
# Exit 2 each time, with a message naming what to give. No engine, no network.
set -u
meshprobe=$1
contract=$2
failed=0

expect_input_error() {  # WHAT EXPECTED-TEXT -- ENV... meshprobe-args...
  local what=$1 text=$2
  shift 2
  local out code
  out=$("$@" 2>&1 </dev/null)
  code=$?
  if [ "$code" != 2 ]; then
    echo "FAIL: $what: exit $code, not 2: $out"; failed=1
  elif ! grep -qF -- "$text" <<<"$out"; then
    echo "FAIL: $what: the message does not say '$text': $out"; failed=1
  else
    echo "ok: $what"
  fi
}

expect_input_error "no GITHUB_TOKEN" "GITHUB_TOKEN" \
  env -u GITHUB_TOKEN "$meshprobe" -c "$contract" watch --once --github-issues acme/shop
expect_input_error "an empty GITHUB_TOKEN" "GITHUB_TOKEN" \
  env GITHUB_TOKEN= "$meshprobe" -c "$contract" watch --once --github-issues acme/shop
expect_input_error "a repository without its owner" "OWNER/REPO" \
  env GITHUB_TOKEN=t "$meshprobe" -c "$contract" watch --once --github-issues shop
expect_input_error "an API URL that is not http(s)" "GITHUB_API_URL" \
  env GITHUB_TOKEN=t GITHUB_API_URL=file:///etc "$meshprobe" -c "$contract" watch --once --github-issues acme/shop
exit $failed
