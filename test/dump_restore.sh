#!/usr/bin/env bash
# A table of stored summaries survives pg_dump and restore, in the custom and the plain format,
# unchanged to the byte. Runs inside a cluster that PG* variables point to (pg_virtualenv).
set -euo pipefail

psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work"; dropdb --if-exists cx_dump_src; dropdb --if-exists cx_dump_custom;
      dropdb --if-exists cx_dump_plain' EXIT

createdb cx_dump_src
psql_q -d cx_dump_src -f "$(dirname "$0")/dump_restore_setup.sql"

pg_dump -Fc -d cx_dump_src -f "$work/custom.dump"
pg_dump -Fp -d cx_dump_src -f "$work/plain.sql"
createdb cx_dump_custom
pg_restore --exit-on-error -d cx_dump_custom "$work/custom.dump"
createdb cx_dump_plain
psql_q -d cx_dump_plain -f "$work/plain.sql" >/dev/null

# The stored values, as text and as binary send output, in a fixed order.
snapshot() {
    psql_q -d "$1" -At -c "SELECT string_agg(format('%s|%s|%s', id, kind, value), E'\n'
                                ORDER BY id) FROM stored_values"
}
expected=$(snapshot cx_dump_src)
status=0
for db in cx_dump_custom cx_dump_plain; do
    if [ "$(snapshot "$db")" = "$expected" ]; then
        echo "ok - summaries identical after restore into $db"
    else
        echo "not ok - summaries differ after restore into $db"
        diff <(echo "$expected") <(snapshot "$db") | head -20
        status=1
    fi
done
rows=$(echo "$expected" | wc -l)
echo "# $rows stored values compared"
[ "$rows" -ge 10 ] || { echo "not ok - too few stored values"; status=1; }
exit $status
