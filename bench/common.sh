# Shared by the benchmark scripts: installs hyperfine (Debian's package) when
# it is missing. Source it: `. bench/common.sh`.
ensure_hyperfine() {
    if ! command -v hyperfine >/dev/null 2>&1; then
        if [ "$(id -u)" -eq 0 ]; then apt-get update && apt-get install -y hyperfine
        else sudo apt-get update && sudo apt-get install -y hyperfine; fi
    fi
}
