#!/bin/bash
# The .deb as a user gets it: `cpack -G DEB` builds it, it declares the libraries meshprobe
# needs, and unpacked into a clean folder its meshprobe finds its probe in libexec/meshprobe/
# and runs `check` and `run --standin` from there.
# usage: deb_layout.sh BUILD_DIR SOURCE_DIR WORK_DIR
set -u
build=$1 source=$2 work=$3
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/package_lib.sh"
project=meshtest-deb-layout
rm -rf "$work" && mkdir -p "$work" || exit 1
failed=0
fail() { echo "FAIL: $*"; failed=1; }
deb=$(build_deb "$build" "$work/out") || exit 1
info=$(dpkg-deb -I "$deb")
for dep in libcurl4 libyaml-cpp0.7 libfmt9 libyaml-0-2 libcivetweb1; do
  grep -q "Depends:.*$dep" <<<"$info" || fail "the package does not depend on $dep"
done
contents=$(dpkg-deb -c "$deb")
grep -q ' ./usr/bin/meshprobe$' <<<"$contents" || fail "no usr/bin/meshprobe in the package"
grep -q ' ./usr/libexec/meshprobe/meshprobe-probe$' <<<"$contents" || fail "no usr/libexec/meshprobe/meshprobe-probe"
# For editors and shells: the schemas init's modeline names, the completions and the man page.
for file in usr/share/meshprobe/mesh.schema.json usr/share/meshprobe/metadata.schema.json \
            usr/share/bash-completion/completions/meshprobe usr/share/zsh/vendor-completions/_meshprobe \
            usr/share/fish/vendor_completions.d/meshprobe.fish usr/share/man/man1/meshprobe.1.gz; do
  grep -q " ./$file\$" <<<"$contents" || fail "no $file in the package"
done

root=$work/root
dpkg-deb -x "$deb" "$root" || { echo "FAIL: dpkg-deb -x"; exit 1; }
mp=$root/usr/bin/meshprobe
"$mp" --version | grep -q '^meshprobe ' || fail "the installed meshprobe has no --version"
man -l "$root/usr/share/man/man1/meshprobe.1.gz" 2>&1 | grep -q 'COMMANDS' || fail "the installed man page does not render"
offered=$(bash -c 'source "$1"; COMP_WORDS=(meshprobe ch); COMP_CWORD=1; _meshprobe; echo "${COMPREPLY[*]}"' _ \
  "$root/usr/share/bash-completion/completions/meshprobe")
[ "$offered" = check ] || fail "the installed bash completion offers '$offered' for 'meshprobe ch'"
"$mp" -q -c "$source/fixtures/devonboarder/mesh.yaml" check || fail "the installed meshprobe: check exited $?"
# The probe is found beside it in libexec, not in the build tree: run from a copy of the fixture.
copy_fixture "$source/fixtures/lonely" "$work/lonely" $project || exit 1
out=$(cd "$work/lonely" && env -u MESHPROBE_PROBE "$mp" -v run --standin --suite dns 2>&1); code=$?
[ $code = 0 ] || { echo "$out"; fail "the installed meshprobe: run --standin exited $code"; }
grep -q "probe image" <<<"$out" || { echo "$out"; fail "run did not say which probe image it used"; }
left=$(project_containers $project)
[ -z "$left" ] || fail "run left containers: $left"
[ $failed = 0 ] && echo "ok: the .deb's meshprobe runs check and run --standin from an unpacked folder"
exit $failed
