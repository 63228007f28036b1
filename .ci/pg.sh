# Sourced by .ci/run: make sure a PostgreSQL server answers on 127.0.0.1:5432 with trust access
# for the user postgres, and export UDPEG_TEST_PG so the database tests cannot silently skip
# (tests/db/conftest.py fails instead of skipping when CI=true and no server answers).
# Safe to source more than once; uses only Debian's own tools.

udpeg_pg_ready() { pg_isready -q -h 127.0.0.1 -p 5432 >/dev/null 2>&1; }

udpeg_pg_start() {
    local ver
    if ! command -v pg_ctlcluster >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
        echo "pg.sh: PostgreSQL is not installed; installing Debian's postgresql" >&2
        if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
        $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2 || return 1
    fi
    export PATH="$PATH:$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
    ver=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
    if [ -z "$ver" ]; then
        echo "pg.sh: no PostgreSQL cluster found under /etc/postgresql" >&2
        return 1
    fi
    # Trust for local and loopback connections (a throwaway CI server; never do this on a shared one).
    local hba="/etc/postgresql/$ver/main/pg_hba.conf"
    if [ -w "$hba" ] && ! grep -q '^# udpeg-ci' "$hba"; then
        { echo "# udpeg-ci: trust for tests"
          echo "local   all all                trust"
          echo "host    all all 127.0.0.1/32   trust"
          echo "host    all all ::1/128        trust"
          cat "$hba"; } > "$hba.udpeg" && cat "$hba.udpeg" > "$hba" && rm -f "$hba.udpeg"
        udpeg_pg_reload=1
    fi
    if pg_lsclusters -h 2>/dev/null | awk '{print $4}' | grep -q online; then
        [ -n "${udpeg_pg_reload:-}" ] && pg_ctlcluster --skip-systemctl-redirect "$ver" main reload >&2
    else
        pg_ctlcluster --skip-systemctl-redirect "$ver" main start >&2 || return 1
    fi
    for _i in $(seq 1 30); do udpeg_pg_ready && return 0; sleep 1; done
    return 1
}

if ! udpeg_pg_ready; then
    udpeg_pg_start || echo "pg.sh: could not start PostgreSQL; the PostgreSQL tests will fail in CI" >&2
fi
if udpeg_pg_ready && ! psql -h 127.0.0.1 -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; then
    # The server runs but refuses postgres without a password: add trust and reload.
    udpeg_pg_start || true
fi
export UDPEG_TEST_PG="${UDPEG_TEST_PG:-postgresql+psycopg://postgres@127.0.0.1:5432/postgres}"
