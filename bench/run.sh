#!/usr/bin/env bash
# The benchmark: whole-process wall time and peak RSS of jpa-migrate's commands on four models, beside TypeORM's
# migration:generate and the Liquibase Hibernate extension's diff-changelog on models of the same shape, written to
# BENCHMARKS.md at the repository root.
#
#   bench/run.sh [ROUNDS] [--quick] [--only MODEL,...] [--keep]
#
#   ROUNDS    timed rounds after one warm-up round (default 7); each round runs every case once, in the same order,
#             so a change in the machine's load hits every case alike; the tables give medians over the rounds
#   --quick   the 7-entity example and 300 synthetic entities only (a validation run: BENCHMARKS.md says so)
#   --only    these models only: example, s300, s1000, keycloak (also a validation run)
#   --keep    keep the work directory (printed) instead of removing it
#
# Models: the example (model/, changelogs/), 300 and 1,000 generated entities (bench/GenModel.java, compiled with
# javac), and Keycloak's published entities (bench/deps/keycloak/pom.xml). Needs PostgreSQL (BENCH_PG, default
# postgresql://postgres@127.0.0.1:5432, a user that may create databases), Maven, and Node 20+ for TypeORM (skipped,
# and said so, without it). Its databases are named bench_<pid>_*, and they and the work directory are removed on
# exit, Ctrl-C included. Timings depend on the machine and its load: they are measured here, never asserted in tests.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$here/bench"
rounds=7
quick=0
only=""
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --only) only="${2:?--only needs a list of models}"; shift ;;
    --only=*) only="${1#--only=}" ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    [0-9]*) rounds="$1" ;;
    *) echo "error: unknown argument '$1' (bench/run.sh --help)" >&2; exit 2 ;;
  esac
  shift
done
[ "$rounds" -ge 1 ] 2>/dev/null || { echo "error: ROUNDS must be a number >= 1" >&2; exit 2; }

models=(example s300 s1000 keycloak)
[ "$quick" = 1 ] && models=(example s300)
[ -n "$only" ] && IFS=',' read -r -a models <<< "$only"
for m in "${models[@]}"; do
  case "$m" in example|s300|s1000|keycloak) ;; *) echo "error: unknown model '$m'" >&2; exit 2 ;; esac
done

pg="${BENCH_PG:-postgresql://postgres@127.0.0.1:5432}"
prefix="bench_$$_"
work="$(mktemp -d "${TMPDIR:-/tmp}/jpa-migrate-bench.XXXXXX")"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
sql() { psql "$pg/postgres" -X -q -v ON_ERROR_STOP=1 -At "$@"; }
createdb_() { sql -c "CREATE DATABASE $1" >/dev/null; }
dropdb_() { sql -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null 2>&1 || true; }
url() { echo "$pg/$1"; }

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local dbs
  dbs="$(sql -c "SELECT datname FROM pg_database WHERE datname LIKE '${prefix//_/\\_}%' ORDER BY 1" 2>/dev/null || true)"
  for db in $dbs; do dropdb_ "$db"; done
  if [ "$keep" = 1 ]; then
    log "kept the work directory $work"
  else
    rm -rf "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

sql -c 'SELECT 1' >/dev/null || { echo "error: cannot reach PostgreSQL at $pg (set BENCH_PG)" >&2; exit 2; }

meta="$work/meta.properties"
results="$work/results.tsv"
: > "$results"
setmeta() { printf '%s=%s\n' "$1" "$2" >> "$meta"; }
{
  echo "rounds=$rounds"
  echo "quick=$quick"
  echo "only=$only"
  echo "models=${models[*]}"
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "nproc=$(nproc)"
  echo "memory=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
  echo "load_start=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java=$(java -version 2>&1 | head -n 1)"
  echo "postgres=$(sql -c 'SHOW server_version')"
  echo "commit=$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$here" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
} > "$meta"
log "work directory $work; models: ${models[*]}; $rounds round(s) after a warm-up"

# ---------------------------------------------------------------------------------------------------------------
# Setup (not timed)
# ---------------------------------------------------------------------------------------------------------------
log "setup: building jpa-migrate (./migrate --version)"
"$here/migrate" --version >/dev/null
migrate="$here/migrate"
export MIGRATE_CACHE_DIR="$work/cache" # the CDS archive, the schema cache and the embedded data directory
setmeta tool "$("$migrate" --version 2>/dev/null | head -n 1)"

mvn_() { mvn -B -q -Dstyle.color=never "$@" >"$work/mvn.log" 2>&1 || { cat "$work/mvn.log" >&2; exit 2; }; }
log "setup: Maven class paths (bench/deps/*/pom.xml)"
mvn_ -f "$bench/deps/entities/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/entities.cp"
jpa_cp="$(cat "$work/entities.cp")"
byte_buddy="$(tr ':' '\n' < "$work/entities.cp" | grep '/byte-buddy-[0-9.]*\.jar$')"
mvn_ -f "$bench/deps/liquibase/pom.xml" dependency:copy-dependencies -DoutputDirectory="$work/lib/liquibase"
setmeta liquibase "liquibase-core $(ls "$work/lib/liquibase" | sed -n 's/^liquibase-core-\(.*\)\.jar$/\1/p'), liquibase-hibernate6 $(ls "$work/lib/liquibase" | sed -n 's/^liquibase-hibernate6-\(.*\)\.jar$/\1/p'), hibernate-core $(ls "$work/lib/liquibase" | sed -n 's/^hibernate-core-\(.*\)\.jar$/\1/p'), spring-orm $(ls "$work/lib/liquibase" | sed -n 's/^spring-orm-\(.*\)\.jar$/\1/p')"

typeorm=0
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  log "setup: TypeORM (npm ci in bench/typeorm)"
  # npm writes node_modules/.package-lock.json last: older than the lock file (or absent) means install again
  if [ ! "$bench/typeorm/node_modules/.package-lock.json" -nt "$bench/typeorm/package-lock.json" ]; then
    (cd "$bench/typeorm" && npm ci --no-audit --no-fund >"$work/npm.log" 2>&1) || { cat "$work/npm.log" >&2; exit 2; }
  fi
  typeorm=1
  setmeta typeorm "typeorm $(node -p "require('$bench/typeorm/node_modules/typeorm/package.json').version"), pg $(node -p "require('$bench/typeorm/node_modules/pg/package.json').version"), Node $(node --version)"
else
  setmeta typeorm "not run: node/npm not found"
fi

# One model: its entities (classes, packages), changelogs built by jpa-migrate, the entity edited by check-edit.
declare -A pkgs classpath lbcp edit_class tsdir
prepare_example() {
  local d="$work/m/example"
  mkdir -p "$d"
  cp -r "$here/model/target/classes" "$d/classes"
  cp -r "$here/changelogs" "$d/changelogs"
  pkgs[example]=dev.jpamigrate.example.model
  classpath[example]="$d/classes"
  lbcp[example]="$d/classes"
  edit_class[example]=dev.jpamigrate.example.model.User
  setmeta entities.example "$(grep -rl 'Ljakarta/persistence/Entity;' "$d/classes" | wc -l)"
  if [ "$typeorm" = 1 ]; then
    mkdir -p "$d/ts/src/entities"
    cp "$bench/typeorm/example/"*.ts "$d/ts/src/entities/"
    tsdir[example]="$d/ts"
  fi
}
prepare_synthetic() { # s300 / s1000
  local m="$1" n="${1#s}" d="$work/m/$1"
  mkdir -p "$d/classes" "$d/ts/src"
  log "setup: $m: generating and compiling $n entities (bench/GenModel.java, javac)"
  java "$bench/GenModel.java" "$n" "$d/java" "$d/ts/src"
  find "$d/java" -name '*.java' > "$d/sources.txt"
  javac -nowarn -proc:none -encoding UTF-8 --release 17 -cp "$jpa_cp" -d "$d/classes" @"$d/sources.txt"
  pkgs[$m]=bench.synthetic
  classpath[$m]="$d/classes"
  lbcp[$m]="$d/classes"
  edit_class[$m]=bench.synthetic.E0001
  setmeta "entities.$m" "$n"
  [ "$typeorm" = 1 ] && tsdir[$m]="$d/ts"
  return 0
}
prepare_keycloak() {
  local d="$work/m/keycloak"
  log "setup: keycloak: resolving org.keycloak:keycloak-model-jpa and the jars its entities need (bench/deps/keycloak)"
  mvn_ -f "$bench/deps/keycloak/pom.xml" dependency:copy-dependencies -DoutputDirectory="$d/lib"
  local jar
  jar="$(ls "$d/lib"/keycloak-model-jpa-*.jar)"
  setmeta keycloak.jar "$(basename "$jar")"
  # the entity jar is unpacked so that one entity class can be edited, as a build's class directory would be
  mkdir -p "$d/classes"
  (cd "$d/classes" && unzip -q "$jar")
  rm "$jar"
  # the packages that hold @Entity classes, read from the class files
  pkgs[keycloak]="$(cd "$d/classes" && grep -rl 'Ljakarta/persistence/Entity;' --include='*.class' . \
    | sed 's|^\./||; s|/[^/]*$||; s|/|.|g' | sort -u | paste -sd, -)"
  setmeta entities.keycloak "$(cd "$d/classes" && grep -rl 'Ljakarta/persistence/Entity;' --include='*.class' . | wc -l)"
  setmeta keycloak.packages "${pkgs[keycloak]}"
  setmeta keycloak.jars "$(ls "$d/lib" | paste -sd' ' -)"
  classpath[keycloak]="$d/classes:$(ls -d "$d/lib"/*.jar | paste -sd: -)"
  # Liquibase's own class path brings jboss-logging already
  lbcp[keycloak]="$d/classes:$(ls -d "$d/lib"/*.jar | grep -v jboss-logging | paste -sd: -)"
  edit_class[keycloak]=org.keycloak.models.jpa.entities.RealmEntity
}

tool_model_opts() { echo --entities "${pkgs[$1]}" --classpath "${classpath[$1]}"; }

# Edited copies of one entity: two per round (check-edit's and create's), warm-up included, and two for the phases.
variants=$((2 * (rounds + 1) + 2))
for m in "${models[@]}"; do
  case "$m" in
    example) prepare_example ;;
    keycloak) prepare_keycloak ;;
    *) prepare_synthetic "$m" ;;
  esac
  d="$work/m/$m"
  classes_dir="${classpath[$m]%%:*}"
  java -cp "$byte_buddy" "$bench/EditClass.java" "$classes_dir" "${edit_class[$m]}" "$d/edits" "$variants"
  mkdir -p "$d/run"
  if [ "$m" = example ]; then
    # The first check after a build writes the CDS archive the launcher uses from then on: make it the hook path's.
    (cd "$d/run" && "$migrate" check $(tool_model_opts example) --changelogs "$d/changelogs" --quiet >/dev/null)
  fi
  # the changelog of the whole model, written by jpa-migrate itself (the example has its own)
  if [ ! -d "$d/changelogs" ]; then
    log "setup: $m: writing its changelog (create on an empty database)"
    createdb_ "${prefix}${m}_setup"
    (cd "$d/run" && "$migrate" create "initial schema" --entities "${pkgs[$m]}" --classpath "${classpath[$m]}" \
       --changelogs "$d/changelogs" --url "$(url "${prefix}${m}_setup")" --quiet >"$d/setup.log" 2>&1) \
       || { cat "$d/setup.log" >&2; exit 2; }
    dropdb_ "${prefix}${m}_setup"
  fi
  setmeta "changesets.$m" "$(grep -c '^-- changeset ' "$d/changelogs/"*.sql | awk -F: '{ s += $NF } END { print s }')"
  log "setup: $m: the migrated database (upgrade), and a check that it matches"
  createdb_ "${prefix}${m}_migrated"
  (cd "$d/run" && "$migrate" upgrade --changelogs "$d/changelogs" --url "$(url "${prefix}${m}_migrated")" --quiet >/dev/null)
  if ! (cd "$d/run" && "$migrate" check --entities "${pkgs[$m]}" --classpath "${classpath[$m]}" --changelogs "$d/changelogs" \
        --url "$(url "${prefix}${m}_migrated")" >"$d/setup-check.log" 2>&1); then
    cat "$d/setup-check.log" >&2
    echo "error: $m: check --url reports drift on the database its own changelog built" >&2
    exit 2
  fi
  if [ -n "${tsdir[$m]:-}" ]; then
    t="${tsdir[$m]}"
    log "setup: $m: TypeORM: compiling the TypeScript entities, migrating its database with its own migration"
    cp "$bench/typeorm/data-source.ts" "$t/src/"
    cp "$bench/typeorm/tsconfig.json" "$t/"
    ln -s "$bench/typeorm/node_modules" "$t/node_modules"
    node "$bench/typeorm/node_modules/typescript/bin/tsc" -p "$t/tsconfig.json"
    createdb_ "${prefix}${m}_typeorm"
    createdb_ "${prefix}${m}_typeorm_empty"
    (cd "$t" && BENCH_TYPEORM_URL="$(url "${prefix}${m}_typeorm")" node node_modules/typeorm/cli.js \
       migration:generate -d dist/data-source.js -o -t 1700000000000 "$t/migrations/Initial" >"$t/setup.log" 2>&1 \
     && BENCH_TYPEORM_URL="$(url "${prefix}${m}_typeorm")" BENCH_TYPEORM_MIGRATIONS="$t/migrations" \
       node node_modules/typeorm/cli.js migration:run -d dist/data-source.js >>"$t/setup.log" 2>&1) \
      || { cat "$t/setup.log" >&2; exit 2; }
  fi
done

# ---------------------------------------------------------------------------------------------------------------
# The cases. Each is a function of (model, round) that prepares what it needs untimed, then calls `timed`.
# ---------------------------------------------------------------------------------------------------------------
current_round=0
timed() { # MODEL CASE -- command...: records round, model, case, wall s, cpu s, peak RSS KB, exit code
  local m="$1" c="$2"
  shift 3
  local t="$work/time.txt" out="$work/m/$m/run/$c.out" rc
  set +e
  /usr/bin/time -f '%e %U %S %M' -o "$t" "$@" >"$out" 2>&1
  rc=$?
  set -e
  local wall user sys rss
  read -r wall user sys rss < <(tail -n 1 "$t")
  local cpu
  cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$current_round" "$m" "$c" "$wall" "$cpu" "$rss" "$rc" >> "$results"
  local label="r$current_round/$rounds"
  [ "$current_round" = 0 ] && label="warm-up"
  printf '%s [%s] %-8s %-16s %6.2f s %6d MB%s\n' "$(date +%H:%M:%S)" "$label" "$m" "$c" "$wall" $((rss / 1024)) \
    "$([ "$rc" = 0 ] || echo "  exit $rc")" >&2
  return 0
}

edit() { # MODEL K: put the K-th edited copy of the model's entity in place (a new class path fingerprint)
  local m="$1" d="$work/m/$1"
  local classes_dir="${classpath[$m]%%:*}" file="${edit_class[$m]//.//}.class"
  cp "$d/edits/$2/$file" "$classes_dir/$file"
}
case_check_edit() { # an entity class changed since the last run: the class path's fingerprint differs
  local m="$1" d="$work/m/$1"
  edit "$m" $(( 2 * $2 + 1 ))
  (cd "$d/run" && timed "$m" check-edit -- "$migrate" check $(tool_model_opts "$m") --changelogs "$d/changelogs")
}
case_check_warm() { # nothing changed since the last run
  local m="$1" d="$work/m/$1"
  (cd "$d/run" && timed "$m" check-warm -- "$migrate" check $(tool_model_opts "$m") --changelogs "$d/changelogs")
}
case_check_nocds() { # as check-warm, without the class data sharing archive
  local m="$1" d="$work/m/$1"
  (cd "$d/run" && MIGRATE_CDS=off timed "$m" check-nocds -- "$migrate" check $(tool_model_opts "$m") \
     --changelogs "$d/changelogs")
}
case_check_cold() { # no cache of any kind, no CDS: initdb and the changelogs replayed, what every run cost at first
  local m="$1" d="$work/m/$1"
  (cd "$d/run" && MIGRATE_CACHE_DIR=off MIGRATE_CDS=off timed "$m" check-cold -- "$migrate" check \
     $(tool_model_opts "$m") --changelogs "$d/changelogs")
}
# With --url the entities' schema is computed on the live server, so its cache entry is not the one check without a
# database left (the key holds the server version): the first check --url after an edit computes it again.
case_check_url_edit() { # no change in the schema, against the migrated database: the first run after the edit
  local m="$1" d="$work/m/$1"
  (cd "$d/run" && timed "$m" check-url-edit -- "$migrate" check $(tool_model_opts "$m") --changelogs "$d/changelogs" \
     --url "$(url "${prefix}${m}_migrated")")
}
case_check_url() { # no change, against the migrated database, nothing changed since the last run
  local m="$1" d="$work/m/$1"
  (cd "$d/run" && timed "$m" check-url -- "$migrate" check $(tool_model_opts "$m") --changelogs "$d/changelogs" \
     --url "$(url "${prefix}${m}_migrated")")
}
case_create() { # after an entity edit, the whole model on a fresh empty database and changelog directory, verified
  local m="$1" d="$work/m/$1" r="$2" db="${prefix}${1}_create"
  edit "$m" $(( 2 * $2 + 2 ))
  createdb_ "$db"
  (cd "$d/run" && timed "$m" create -- "$migrate" create "initial schema" $(tool_model_opts "$m") \
     --changelogs "$d/run/create-$r" --url "$(url "$db")")
  rm -rf "$d/run/create-$r"
  dropdb_ "$db"
}
case_upgrade() { # the model's changelog on a fresh empty database
  local m="$1" d="$work/m/$1" db="${prefix}${1}_upgrade"
  createdb_ "$db"
  (cd "$d/run" && timed "$m" upgrade -- "$migrate" upgrade --changelogs "$d/changelogs" --url "$(url "$db")")
  dropdb_ "$db"
}
case_stamp() { # stamp head of it on a fresh empty database
  local m="$1" d="$work/m/$1" db="${prefix}${1}_stamp"
  createdb_ "$db"
  (cd "$d/run" && timed "$m" stamp -- "$migrate" stamp head --changelogs "$d/changelogs" --url "$(url "$db")")
  dropdb_ "$db"
}
case_lb_diff() { # Liquibase Hibernate's diff-changelog against the same migrated database: every changeSet is false
  local m="$1" d="$work/m/$1" r="$2"
  local out="$d/run/liquibase-$r.xml"
  (cd "$d/run" && LIQUIBASE_ANALYTICS_ENABLED=false timed "$m" lb-diff -- java -Xss32m \
     -cp "$work/lib/liquibase/*:${lbcp[$m]}" liquibase.integration.commandline.LiquibaseCommandLine \
     --show-banner=false diff-changelog --changelog-file="$out" \
     --url="jdbc:postgresql://${pg#postgresql://*@}/${prefix}${m}_migrated" --username="$(pg_user)" \
     "--reference-url=hibernate:spring:${pkgs[$m]}?dialect=org.hibernate.dialect.PostgreSQLDialect")
  local n=error
  if [ -f "$out" ]; then
    n="$(grep -c '<changeSet' "$out" || true)"
    # what they are: the first element of each changeSet, counted
    awk '/<changeSet/ { getline; if (match($0, /<[a-zA-Z]+/)) k[substr($0, RSTART + 1, RLENGTH - 1)]++ }
         END { for (e in k) printf "%s %d\n", e, k[e] }' "$out" | sort > "$work/liquibase-kinds.$m.txt"
  fi
  printf '%s\t%s\t%s\n' "$m" "$r" "$n" >> "$work/liquibase-changesets.tsv"
  if [ "$n" = error ]; then
    grep -m 1 'Unexpected error running Liquibase' "$d/run/lb-diff.out" | sed 's/^/  liquibase: /' >&2 || true
  fi
  rm -f "$out"
}
case_typeorm_check() { # TypeORM: migration:generate --check against its own migrated database
  local m="$1" t="${tsdir[$1]}" r="$2"
  (cd "$t" && BENCH_TYPEORM_URL="$(url "${prefix}${m}_typeorm")" timed "$m" typeorm-check -- node \
     node_modules/typeorm/cli.js migration:generate "$t/unused" -d dist/data-source.js --check)
  # its false changes: the statements of up() that it printed
  printf '%s\t%s\t%s\n' "$m" "$r" "$(awk '/async up\(/ { on = 1 } /async down\(/ { on = 0 } on && /queryRunner.query/ { n++ }
     END { print n + 0 }' "$work/m/$m/run/typeorm-check.out")" >> "$work/typeorm-changes.tsv"
}
case_typeorm_dryrun() { # TypeORM: the initial migration of the whole model on an empty database, printed
  local m="$1" t="${tsdir[$1]}"
  (cd "$t" && BENCH_TYPEORM_URL="$(url "${prefix}${m}_typeorm_empty")" timed "$m" typeorm-dryrun -- node \
     node_modules/typeorm/cli.js migration:generate "$t/unused" -d dist/data-source.js --dryrun)
}
pg_user() { local u="${pg#postgresql://}"; u="${u%%@*}"; echo "${u%%:*}"; }

cases_of() {
  local m="$1"
  echo check-edit check-warm
  [ "$m" = example ] && echo check-nocds check-cold
  echo check-url-edit check-url create upgrade stamp lb-diff
  [ -n "${tsdir[$m]:-}" ] && echo typeorm-check typeorm-dryrun
  return 0
}

for current_round in $(seq 0 "$rounds"); do
  [ "$current_round" = 0 ] && log "warm-up round (not counted)" || log "round $current_round of $rounds"
  for m in "${models[@]}"; do
    for c in $(cases_of "$m"); do
      "case_${c//-/_}" "$m" "$current_round"
    done
  done
done

# Where the time went: one verbose run per model of check --url and of create, each after an entity edit, as in the
# rounds' check-url-edit and create (nothing changed since the last run, there is little left to break down).
log "phase breakdown (--verbose)"
mkdir -p "$work/phases"
for m in "${models[@]}"; do
  d="$work/m/$m"
  edit "$m" $(( variants - 1 ))
  (cd "$d/run" && "$migrate" check $(tool_model_opts "$m") --changelogs "$d/changelogs" \
     --url "$(url "${prefix}${m}_migrated")" --verbose >/dev/null 2>"$work/phases/$m.check-url.log") || true
  edit "$m" "$variants"
  createdb_ "${prefix}${m}_phases"
  (cd "$d/run" && "$migrate" create "initial schema" $(tool_model_opts "$m") --changelogs "$d/run/phases-cl" \
     --url "$(url "${prefix}${m}_phases")" --verbose >/dev/null 2>"$work/phases/$m.create.log") || true
  dropdb_ "${prefix}${m}_phases"
  for c in check-url create; do
    sed -n '/where the time went/,/ total /p' "$work/phases/$m.$c.log" | sed 's/^\[verbose\] //' \
      > "$work/phases/$m.$c.txt"
  done
done

setmeta load_end "$(cut -d' ' -f1-3 /proc/loadavg)"
touch "$work/liquibase-changesets.tsv" "$work/typeorm-changes.tsv"
java "$bench/Report.java" "$work" "$here/BENCHMARKS.md"
log "wrote $here/BENCHMARKS.md"
