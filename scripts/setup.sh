#!/usr/bin/env bash
# Installs everything Carrel needs to build and test, idempotently.
# Tools go under $CARREL_TOOLS (default ~/.cache/carrel) so that every clone on a
# machine shares one install; re-running finds what is there in seconds.
# See ../shared/TOOLCHAIN.md for why the Debian route exists.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOLS=${CARREL_TOOLS:-$HOME/.cache/carrel}
RUST_VERSION=1.96.0
CARGO_LEPTOS_VERSION=0.3.11
BINARYEN_NPM_VERSION=132.0.0
ESBUILD_NPM_VERSION=0.28.2
DEBIAN_RUST_PACKAGES="rustc-web cargo-web rust-web-src rust-web-llvm rust-web-clippy lld-22"

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[setup] error:\033[0m %s\n' "$*" >&2; exit 1; }

mkdir -p "$TOOLS/bin" "$TOOLS/rust-bin"
# The env file the Makefile reads: our tools, then the chosen Rust toolchain.
export PATH="$TOOLS/bin:$TOOLS/rust-bin:$TOOLS/npm/node_modules/.bin:$PATH"
unset RUSTC RUSTC_BOOTSTRAP RUSTUP_TOOLCHAIN

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "need Debian packages ${missing[*]} but apt-get is not available"
  say "installing Debian packages: ${missing[*]}"
  if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"; then
    say "apt-get install failed; updating package lists and retrying"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}" \
      || die "could not install ${missing[*]}"
  fi
}

wasm_std_present() {
  local dir
  dir=$(rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null) || return 1
  compgen -G "$dir/libstd-*.rlib" >/dev/null
}

# --- 1. Rust with a wasm32 target -------------------------------------------
# One toolchain builds the server, the wasm and the tools. cargo-leptos's lock file
# needs Rust >= 1.96, newer than the machine's rustup default (1.95).
route_file="$TOOLS/rust-route"
route=${CARREL_RUST_ROUTE:-$(cat "$route_file" 2>/dev/null || true)}
if [ -z "$route" ]; then
  if command -v rustup >/dev/null && { say "trying: rustup toolchain install $RUST_VERSION with wasm32 (90 s limit)"
       timeout 90 rustup toolchain install "$RUST_VERSION" --profile minimal -c clippy -c rustfmt -t wasm32-unknown-unknown; }; then
    route=rustup
  elif command -v apt-get >/dev/null; then
    say "rustup cannot download here; taking the Debian rustc-web route (TOOLCHAIN.md)"
    route=debian
  else
    die "no way to get Rust $RUST_VERSION with wasm32: rustup could not download it and this is not Debian"
  fi
  echo "$route" > "$route_file"
fi
say "Rust route: $route"

link_toolchain() { # dir holding cargo, rustc, ...
  for t in cargo rustc rustdoc cargo-clippy clippy-driver; do
    [ -x "$1/$t" ] || die "$1/$t is missing"
    ln -sf "$1/$t" "$TOOLS/rust-bin/$t"
  done
}

if [ "$route" = rustup ]; then
  rustup toolchain list | grep -q "^$RUST_VERSION" \
    || timeout 600 rustup toolchain install "$RUST_VERSION" --profile minimal -c clippy -c rustfmt -t wasm32-unknown-unknown \
    || die "rustup toolchain install $RUST_VERSION failed"
  link_toolchain "$(dirname "$(rustup which --toolchain "$RUST_VERSION" rustc)")"
  # rustfmt is toolchain-independent; keep rustup's so `cargo fmt` works on both routes.
  for t in rustfmt cargo-fmt; do ln -sf "$(rustup which --toolchain "$RUST_VERSION" $t)" "$TOOLS/rust-bin/$t"; done
fi
if [ "$route" = debian ]; then
  apt_install $DEBIAN_RUST_PACKAGES
  # Debian's toolchain must come before rustup's proxies for cargo-leptos, clippy and rustdoc.
  link_toolchain /usr/bin
  [ -e /usr/bin/rust-lld ] && [ -e "$(readlink -f /usr/bin/rust-lld)" ] || die "/usr/bin/rust-lld dangles; is lld-22 installed?"

  stamp="$TOOLS/wasm-std.stamp"
  want=$(rustc -vV)
  if ! wasm_std_present || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "building the wasm32 std for $(rustc -V) (about 2 minutes)"
    sysroot=$(rustc --print sysroot)
    lib="$sysroot/lib/rustlib/src/rust/library"
    [ -d "$lib/vendor" ] || die "std sources not found at $lib (package rust-web-src)"
    work="$TOOLS/wasm-std-build"
    rm -rf "$work"; mkdir -p "$work/src" "$work/.cargo"
    cat > "$work/Cargo.toml" <<TOML
[package]
name = "wasm_std_dummy"
version = "0.0.0"
edition = "2021"
[lib]
path = "src/lib.rs"
[profile.release]
panic = "abort"
TOML
    echo '#![no_std]' > "$work/src/lib.rs"
    cat > "$work/.cargo/config.toml" <<TOML
[source.crates-io]
replace-with = "std-vendor"
[source.std-vendor]
directory = "$lib/vendor"
TOML
    (cd "$work" && RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 RUSTFLAGS=-Cembed-bitcode=yes \
      /usr/bin/cargo build --offline --release --target wasm32-unknown-unknown \
      -Zbuild-std=std,panic_abort,proc_macro,test) || die "building the wasm32 std failed"
    dest=$(rustc --print target-libdir --target wasm32-unknown-unknown)
    $SUDO mkdir -p "$dest"
    find "$work/target/wasm32-unknown-unknown/release/deps" -name 'lib*.rlib' ! -name 'libwasm_std_dummy*' \
      -exec $SUDO cp {} "$dest/" \;
    echo "$want" > "$stamp"
    rm -rf "$work"
    # wasm output built against an older std no longer links.
    rm -rf "$ROOT/target/front" "$ROOT/target/wasm32-unknown-unknown"
  fi
fi
wasm_std_present || die "the wasm32 std is still missing for $(rustc -V)"
say "rustc: $(rustc -V), wasm32 std present"

# --- 2. Cargo-installed build tools ------------------------------------------
# Plain release profile with LTO takes 39 minutes for cargo-leptos; this takes ~20.
cargo_tool() { # name version bin [extra args]
  local name=$1 version=$2 bin=$3; shift 3
  if [ -x "$TOOLS/bin/$bin" ] && "$TOOLS/bin/$bin" --version 2>/dev/null | grep -qF "$version"; then
    return 0
  fi
  say "installing $name $version with cargo (this takes minutes)"
  # Prefer the tool's own lock file; some versions pin a crate the registry no longer
  # serves, and then only an unlocked install works (TOOLCHAIN.md).
  local env=(CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_DEBUG=0)
  env "${env[@]}" cargo install --locked --root "$TOOLS" --version "=$version" "$@" "$name" \
    || { say "locked install of $name failed; trying without --locked"
         env "${env[@]}" cargo install --root "$TOOLS" --version "=$version" "$@" "$name"; } \
    || die "cargo install $name $version failed"
}

# Debian's Chromium downloads while the tools compile.
apt_install chromium > "$TOOLS/chromium-install.log" 2>&1 &
chromium_pid=$!

# Both tools at once: each cargo build has long stretches on one core.
cargo_tool cargo-leptos "$CARGO_LEPTOS_VERSION" cargo-leptos --features no_downloads &
leptos_pid=$!

# The CLI must be exactly the wasm-bindgen crate's version from Cargo.lock.
wb_version=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' "$ROOT/Cargo.lock")
[ -n "$wb_version" ] || die "could not read the wasm-bindgen version from Cargo.lock"
# --locked fails for some versions (a pinned dependency the registry no longer serves).
cargo_tool wasm-bindgen-cli "$wb_version" wasm-bindgen
wait "$leptos_pid" || die "cargo-leptos did not install"

# --- 3. npm tools: wasm-opt (Debian's binaryen 108 breaks externref tables) ---
command -v npm >/dev/null || die "npm is required (Node.js 18+)"
if ! [ -x "$TOOLS/npm/node_modules/.bin/wasm-opt" ] \
   || ! grep -q "\"version\": \"$BINARYEN_NPM_VERSION\"" "$TOOLS/npm/node_modules/binaryen/package.json" 2>/dev/null; then
  say "installing wasm-opt (npm binaryen@$BINARYEN_NPM_VERSION)"
  mkdir -p "$TOOLS/npm"
  npm install --prefix "$TOOLS/npm" --ignore-scripts --no-audit --no-fund "binaryen@$BINARYEN_NPM_VERSION" \
    || die "npm install binaryen failed"
fi

# --- 3b. esbuild: minifies the plain scripts in public/ (Makefile, build) -----
if ! [ -x "$TOOLS/npm/node_modules/.bin/esbuild" ] \
   || ! grep -q "\"version\": \"$ESBUILD_NPM_VERSION\"" "$TOOLS/npm/node_modules/esbuild/package.json" 2>/dev/null; then
  say "installing esbuild $ESBUILD_NPM_VERSION (npm)"
  npm install --prefix "$TOOLS/npm" --ignore-scripts --no-audit --no-fund "esbuild@$ESBUILD_NPM_VERSION" \
    || die "npm install esbuild failed"
fi

# --- 4. Browser tests: Debian's Chromium and the end2end packages -----------
wait "$chromium_pid" || { cat "$TOOLS/chromium-install.log" >&2; die "Chromium did not install"; }
if [ -f "$ROOT/end2end/package-lock.json" ]; then
  if ! [ -d "$ROOT/end2end/node_modules" ] || ! cmp -s "$ROOT/end2end/package-lock.json" "$ROOT/end2end/node_modules/.package-lock.json.copy"; then
    say "installing end2end npm packages"
    (cd "$ROOT/end2end" && npm ci --ignore-scripts --no-audit --no-fund) || die "npm ci in end2end failed"
    cp "$ROOT/end2end/package-lock.json" "$ROOT/end2end/node_modules/.package-lock.json.copy"
  fi
fi

# --- 5. The OpenID Provider the sign-in tests run (oidc-provider, on node) ---
oidc="$ROOT/server/tests/oidc"
if ! [ -d "$oidc/node_modules" ] || ! cmp -s "$oidc/package-lock.json" "$oidc/node_modules/.package-lock.json.copy"; then
  say "installing the test OpenID Provider's npm packages"
  (cd "$oidc" && npm ci --ignore-scripts --no-audit --no-fund) || die "npm ci in server/tests/oidc failed"
  cp "$oidc/package-lock.json" "$oidc/node_modules/.package-lock.json.copy"
fi

say "ready: $(cargo leptos --version), wasm-bindgen $(wasm-bindgen --version | awk '{print $2}'), wasm-opt $(wasm-opt --version | awk '{print $3}'), esbuild $(esbuild --version), $(chromium --version 2>/dev/null | head -1)"
