#!/bin/bash
# The shell completions and the man page that `meshprobe completion` and `meshprobe manpage`
# write from the command table: each shell, driven as a user's would be, offers the commands,
# the flags (global ones after the command too) and the values of a flag with choices; the
# man page renders without a warning. A missing shell or tool is a failure, not a skip.
# usage: completion_test.sh MESHPROBE WORK_DIR
set -u
mp=$1 work=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work" && mkdir -p "$work" || exit 1
failed=0
fail() { echo "FAIL: $*"; failed=1; }
for tool in bash zsh fish groff mandoc man; do
  command -v $tool >/dev/null || fail "$tool is not installed (scripts/setup.sh installs it)"
done
[ $failed = 0 ] || exit 1

for shell in bash zsh fish; do
  "$mp" completion $shell >"$work/meshprobe.$shell" || fail "meshprobe completion $shell exited $?"
  $shell -n "$work/meshprobe.$shell" || fail "the $shell script does not parse"
done

# A line ending in a space completes a new, empty word.
bash_line() { if [[ $1 == *' ' ]]; then bash_offers_words ${1% } ""; else bash_offers_words $1; fi; }
bash_offers_words() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _meshprobe
           printf "%s\n" "${COMPREPLY[@]}"' _ "$work/meshprobe.bash" "$@"
}
zsh_line() { timeout 30 zsh -f "$here/zsh_complete.zsh" "$work/meshprobe.zsh" "$1"; }
fish_line() { fish -c 'source $argv[1]; complete -C $argv[2]' "$work/meshprobe.fish" "$1" | cut -f1; }

# The commands `meshprobe --help` lists; the hidden completion and manpage are not among them.
commands=$("$mp" --help | awk '/^(Sub)?[Cc]ommands:/ {on = 1; next} on && /^  +[a-z]/ {print $1; next} on && NF && !/^ / {on = 0}' | sort)
[ -n "$commands" ] || fail "no commands in meshprobe --help"
grep -qx completion <<<"$commands" && fail "meshprobe --help lists the hidden completion command"

expect() {  # SHELL LINE WORD...: the shell offers each WORD at the end of LINE
  local shell=$1 line=$2 offered; shift 2
  offered=$(${shell}_line "$line")
  for word in "$@"; do
    grep -qxF -- "$word" <<<"$offered" || fail "$shell: '$line<TAB>' does not offer '$word' (offers: $(echo $offered))"
  done
}
for shell in bash zsh fish; do
  offered=$(${shell}_line "meshprobe " | sort)
  [ "$offered" = "$commands" ] || fail "$shell: 'meshprobe <TAB>' offers $(echo $offered), not the commands $(echo $commands)"
  expect $shell "meshprobe ch" check
  expect $shell "meshprobe check --f" --format
  expect $shell "meshprobe check --format s" sarif
  expect $shell "meshprobe topology --format " json mermaid dot
  expect $shell "meshprobe -c x.yaml check --a" --all-envs
  expect $shell "meshprobe topology --con" --contract
done

"$mp" manpage --date 2026-01-01 >"$work/meshprobe.1" || fail "meshprobe manpage exited $?"
warnings=$(groff -man -Tutf8 -ww -z "$work/meshprobe.1" 2>&1)
[ -z "$warnings" ] || fail "groff warns: $warnings"
lint=$(mandoc -T lint -W warning "$work/meshprobe.1" 2>&1)
[ -z "$lint" ] || fail "mandoc -T lint warns: $lint"
page=$(MANWIDTH=100 man -l "$work/meshprobe.1" 2>&1)
for command in $commands; do
  grep -q "^   $command\$" <<<"$page" || fail "the man page has no section for $command"
done
grep -q -- '--contract' <<<"$page" || fail "the man page does not list --contract"

[ $failed = 0 ] && echo "ok: bash, zsh and fish complete commands, flags and choices; the man page renders cleanly"
exit $failed
