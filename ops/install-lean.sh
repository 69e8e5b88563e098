#!/usr/bin/env bash
# install-lean.sh: installs what the verifier needs to run real Lean on a Linux machine with
# internet access: elan, one pinned Lean toolchain, the leanprover-community REPL built for that
# toolchain and, with --mathlib, a Lean project with Mathlib's prebuilt oleans for the REPL to run
# in. Safe to run again: each step is skipped when it is already done at the requested version.
# Run with --help for the options; the Dockerfile in this folder runs it the same way.
set -euo pipefail

# The toolchain the project's REPL recordings were made with (shared/data/lean-repl-transcripts):
# a different one works, but then verdicts may differ from the recordings the tests trust.
readonly DEFAULT_TOOLCHAIN="leanprover/lean4:v4.33.0-rc2"
readonly ELAN_INIT_URL="https://elan.lean-lang.org/elan-init.sh"
readonly REPL_GIT="https://github.com/leanprover-community/repl.git"
readonly MATHLIB_GIT="https://github.com/leanprover-community/mathlib4.git"
# Written after a step succeeded, so an interrupted build is never taken for a finished one.
readonly STAMP=".leanverify-install"

usage() {
  cat <<EOF
Usage: ops/install-lean.sh [OPTIONS]

Installs elan, a pinned Lean toolchain and the Lean REPL (optionally Mathlib) under a prefix,
then prints the leanverify settings that use them. Needs curl, git and tar, and internet access.

Options:
  --prefix DIR        where to install (default: /opt/lean); the REPL goes to DIR/repl
  --toolchain TC      Lean toolchain (default: $DEFAULT_TOOLCHAIN)
  --repl-ref REF      tag, branch or commit of leanprover-community/repl to build (default: the
                      toolchain's version, e.g. v4.33.0-rc2; it must target the same toolchain)
  --mathlib           also create DIR/mathlib-project requiring Mathlib and fetch its prebuilt cache
  --mathlib-ref REF   Mathlib tag, branch or commit (default: the toolchain's version; implies --mathlib)
  --elan-home DIR     where elan keeps toolchains (default: \$ELAN_HOME if set, else DIR/elan)
  --check             install nothing: print what is installed and exit 0 when complete, 1 if not
                      (with --mathlib, the Mathlib project counts towards complete)
  -h, --help          show this help

Examples:
  sudo ops/install-lean.sh --mathlib
  ops/install-lean.sh --prefix "\$HOME/lean" --toolchain leanprover/lean4:v4.33.0-rc2
  ops/install-lean.sh --prefix "\$HOME/lean" --mathlib --check
EOF
}

log() { printf 'install-lean: %s\n' "$*" >&2; }
die() { printf 'install-lean: error: %s\n' "$*" >&2; exit 1; }

prefix="/opt/lean"
toolchain="$DEFAULT_TOOLCHAIN"
repl_ref=""
mathlib=false
mathlib_ref=""
elan_home="${ELAN_HOME:-}"
check=false

need_value() {
  [[ $# -ge 2 && -n "$2" && "$2" != --* ]] || die "$1 needs a value (see --help)"
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --prefix) need_value "$@"; prefix="$2"; shift 2 ;;
    --toolchain) need_value "$@"; toolchain="$2"; shift 2 ;;
    --repl-ref) need_value "$@"; repl_ref="$2"; shift 2 ;;
    --mathlib) mathlib=true; shift ;;
    --mathlib-ref) need_value "$@"; mathlib_ref="$2"; mathlib=true; shift 2 ;;
    --elan-home) need_value "$@"; elan_home="$2"; shift 2 ;;
    --check) check=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

# elan accepts "v4.33.0-rc2" for "leanprover/lean4:v4.33.0-rc2", but lean-toolchain files and
# `elan toolchain list` use the full name: compare in that form.
if [[ "$toolchain" != *:* ]]; then
  toolchain="leanprover/lean4:$toolchain"
fi
version="${toolchain##*:}"
# The REPL repository tags one release per Lean version (v4.32.0, v4.33.0-rc1, v4.33.0-rc2, ...),
# each building against exactly that toolchain, and Mathlib does the same: the toolchain's version
# is the natural default for both.
repl_ref="${repl_ref:-$version}"
mathlib_ref="${mathlib_ref:-$version}"

prefix="$(realpath -m -- "$prefix")"
elan_home="$(realpath -m -- "${elan_home:-$prefix/elan}")"
repl_dir="$prefix/repl"
repl_bin="$repl_dir/.lake/build/bin/repl"
project_dir="$prefix/mathlib-project"
# elan's proxies (lake, lean) find their toolchains through ELAN_HOME.
export ELAN_HOME="$elan_home"
elan="$elan_home/bin/elan"
lake="$elan_home/bin/lake"

stamp_matches() { # DIR EXPECTED: true when DIR's stamp holds exactly EXPECTED
  [[ -f "$1/$STAMP" && "$(cat -- "$1/$STAMP")" == "$2" ]]
}

toolchain_installed() {
  # awk reads the whole list (grep -q would quit early and, under pipefail, fail the pipeline).
  [[ -x "$elan" ]] && "$elan" toolchain list 2>/dev/null \
    | awk -v tc="$toolchain" '$1 == tc { found = 1 } END { exit !found }'
}

# The commit a ref names in a checkout: a tag first (the usual case), then a remote branch, then
# anything git understands (a commit id). Prints nothing when the ref is unknown there.
resolve_ref() { # DIR REF
  local dir="$1" ref="$2"
  git -C "$dir" rev-parse --verify --quiet "refs/tags/$ref^{commit}" \
    || git -C "$dir" rev-parse --verify --quiet "refs/remotes/origin/$ref^{commit}" \
    || git -C "$dir" rev-parse --verify --quiet "$ref^{commit}" \
    || true
}

repl_stamp() { printf 'ref=%s commit=%s toolchain=%s' "$repl_ref" "$1" "$toolchain"; }
mathlib_stamp() { printf 'mathlib=%s toolchain=%s' "$mathlib_ref" "$toolchain"; }

repl_installed() {
  [[ -x "$repl_bin" && -d "$repl_dir/.git" ]] || return 1
  local commit
  commit="$(resolve_ref "$repl_dir" "$repl_ref")"
  [[ -n "$commit" ]] && stamp_matches "$repl_dir" "$(repl_stamp "$commit")"
}

mathlib_installed() {
  stamp_matches "$project_dir" "$(mathlib_stamp)" \
    && [[ -f "$project_dir/.lake/packages/mathlib/.lake/build/lib/lean/Mathlib.olean" ]]
}

# ---- --check -------------------------------------------------------------------------------------

print_settings() { # PROJECT_DIR
  cat <<EOF

Settings for leanverify (a properties file, or LEANVERIFY_LEAN_REPL_COMMAND / LEANVERIFY_LEAN_PROJECT_DIR):
  lean.repl.command=lake env $repl_bin
  lean.project.dir=$1
with elan's lake on the PATH of the verifier:
  export ELAN_HOME=$elan_home
  export PATH="\$ELAN_HOME/bin:\$PATH"
EOF
}

check_installation() {
  local complete=true
  if [[ -x "$elan" ]]; then
    echo "elan:       ok, $("$elan" --version 2>/dev/null | head -n 1) in $elan_home"
  else
    echo "elan:       MISSING (expected $elan)"
    complete=false
  fi
  if toolchain_installed; then
    echo "toolchain:  ok, $toolchain"
  else
    echo "toolchain:  MISSING $toolchain"
    complete=false
  fi
  if repl_installed; then
    echo "repl:       ok, $repl_bin (ref $repl_ref, commit $(git -C "$repl_dir" rev-parse --short HEAD))"
  elif [[ -e "$repl_bin" ]]; then
    echo "repl:       NOT at ref $repl_ref for $toolchain (found $repl_bin; run without --check to rebuild)"
    complete=false
  else
    echo "repl:       MISSING (expected $repl_bin)"
    complete=false
  fi
  local project="$repl_dir"
  if mathlib_installed; then
    echo "mathlib:    ok, $project_dir (Mathlib $mathlib_ref)"
    project="$project_dir"
  elif [[ "$mathlib" == true ]]; then
    echo "mathlib:    MISSING or incomplete: $project_dir (Mathlib $mathlib_ref)"
    complete=false
  else
    echo "mathlib:    not installed (optional: --mathlib)"
  fi
  # Kernel replay for strict verification (optional): leanchecker ships with Lean from 4.28.
  local checker
  checker="$(find "$elan_home/toolchains" -maxdepth 3 -path '*/bin/leanchecker' -type f 2>/dev/null | head -n 1)"
  if [[ -n "$checker" ]]; then
    echo "replay:     leanchecker found ($checker); strict.replay.command needs a wrapper that compiles the file and runs it"
  else
    echo "replay:     no kernel replay tool (optional; strict mode then cannot catch debug.skipKernelTC beyond its findings)"
  fi
  if [[ "$complete" == true ]]; then
    print_settings "$project"
    return 0
  fi
  echo
  echo "incomplete: run ops/install-lean.sh without --check (same options) to install what is missing"
  return 1
}

if [[ "$check" == true ]]; then
  if check_installation; then exit 0; else exit 1; fi
fi

# ---- install -------------------------------------------------------------------------------------

for cmd in curl git tar; do
  command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' is required (Debian/Ubuntu: apt-get install -y curl git tar ca-certificates)"
done
if ! mkdir -p -- "$prefix" 2>/dev/null || [[ ! -w "$prefix" ]]; then
  die "cannot write to $prefix: run as a user who can (e.g. with sudo), or choose another --prefix"
fi

install_elan() {
  if [[ -x "$elan" ]]; then
    log "elan: already installed ($("$elan" --version | head -n 1)), skipping"
    return
  fi
  log "elan: installing into $elan_home"
  local tmp
  tmp="$(mktemp -d)"
  # Download first, run second: a cut connection must not run half a script.
  curl -sSfL --retry 3 -o "$tmp/elan-init.sh" "$ELAN_INIT_URL"
  # No default toolchain: every project here names its own in lean-toolchain, and the user's
  # shell profile is left alone (the PATH to use is printed at the end).
  sh "$tmp/elan-init.sh" -y --default-toolchain none --no-modify-path
  rm -rf -- "$tmp"
  [[ -x "$elan" ]] || die "elan-init finished but $elan is missing"
}

install_toolchain() {
  if toolchain_installed; then
    log "toolchain: $toolchain already installed, skipping"
    return
  fi
  log "toolchain: installing $toolchain"
  "$elan" toolchain install "$toolchain"
}

install_repl() {
  if repl_installed; then
    log "repl: already built at $repl_ref for $toolchain, skipping"
    return
  fi
  if [[ ! -d "$repl_dir" ]]; then
    log "repl: cloning $REPL_GIT into $repl_dir"
    git clone --quiet "$REPL_GIT" "$repl_dir"
  elif [[ ! -d "$repl_dir/.git" ]]; then
    die "$repl_dir exists but is not a git checkout of the REPL: move it away and run again"
  fi
  local commit
  commit="$(resolve_ref "$repl_dir" "$repl_ref")"
  if [[ -z "$commit" ]]; then
    git -C "$repl_dir" fetch --quiet --tags origin
    commit="$(resolve_ref "$repl_dir" "$repl_ref")"
  fi
  [[ -n "$commit" ]] || die "the REPL has no tag, branch or commit '$repl_ref' (its tags: git ls-remote --tags $REPL_GIT)"
  git -C "$repl_dir" checkout --quiet --detach "$commit"
  # The REPL binary and the oleans it loads must come from the same Lean: refuse a mismatch
  # here rather than let every proof fail later with "incompatible header" errors.
  local wanted
  wanted="$(tr -d '[:space:]' <"$repl_dir/lean-toolchain")"
  [[ "$wanted" == "$toolchain" ]] \
    || die "REPL ref $repl_ref builds with $wanted, not $toolchain: pass the --repl-ref tagged for your toolchain"
  log "repl: building $repl_ref ($commit) with lake build"
  rm -f -- "$repl_dir/$STAMP"
  (cd "$repl_dir" && "$lake" build)
  [[ -x "$repl_bin" ]] || die "lake build finished but $repl_bin is missing"
  repl_stamp "$commit" >"$repl_dir/$STAMP"
}

write_if_changed() { # FILE CONTENT: rewriting an unchanged lakefile would make lake reconfigure
  if [[ ! -f "$1" || "$(cat -- "$1")" != "$2" ]]; then
    printf '%s\n' "$2" >"$1"
  fi
}

install_mathlib() {
  if mathlib_installed; then
    log "mathlib: $project_dir already has Mathlib $mathlib_ref for $toolchain, skipping"
    return
  fi
  log "mathlib: preparing $project_dir (Mathlib $mathlib_ref)"
  mkdir -p -- "$project_dir"
  rm -f -- "$project_dir/$STAMP"
  write_if_changed "$project_dir/lean-toolchain" "$toolchain"
  write_if_changed "$project_dir/lakefile.toml" "# Written by ops/install-lean.sh: the project leanverify's REPLs run in.
name = \"leanverify_mathlib\"
defaultTargets = [\"LeanverifyCheck\"]

[[require]]
name = \"mathlib\"
git = \"$MATHLIB_GIT\"
rev = \"$mathlib_ref\"

[[lean_lib]]
name = \"LeanverifyCheck\""
  # One module that imports Mathlib: building it proves the cache matches this toolchain.
  write_if_changed "$project_dir/LeanverifyCheck.lean" "import Mathlib

example : (2 : Nat) + 2 = 4 := by norm_num"
  (
    cd "$project_dir"
    "$lake" update
    local wanted
    wanted="$(tr -d '[:space:]' <.lake/packages/mathlib/lean-toolchain)"
    [[ "$wanted" == "$toolchain" ]] \
      || die "Mathlib $mathlib_ref builds with $wanted, not $toolchain: pass the --mathlib-ref tagged for your toolchain"
    # Prebuilt oleans: building Mathlib from source takes hours; the cache takes minutes.
    "$lake" exe cache get
    "$lake" build
  )
  [[ -f "$project_dir/.lake/packages/mathlib/.lake/build/lib/lean/Mathlib.olean" ]] \
    || die "the Mathlib cache is incomplete in $project_dir"
  mathlib_stamp >"$project_dir/$STAMP"
}

install_elan
install_toolchain
install_repl
project="$repl_dir"
if [[ "$mathlib" == true ]]; then
  install_mathlib
  project="$project_dir"
fi
log "done"
print_settings "$project"
