import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes BENCHMARKS.md from what bench/run.sh measured in its work directory: results.tsv (round, model, case, wall
 * s, CPU s, peak RSS KB, exit code; round 0 is the warm-up and is left out), meta.properties, the false changes the
 * other tools reported, and the --verbose phase lines.
 *
 * <pre>java bench/Report.java WORK_DIR OUTPUT.md</pre>
 */
public final class Report {
    record Run(int round, String model, String kase, double wall, double cpu, long rssKb, int rc) { }

    /** The models in table order, with their column heading. */
    static final Map<String, String> MODELS = new LinkedHashMap<>();
    /** jpa-migrate's cases in table order. */
    static final Map<String, String> TOOL_CASES = new LinkedHashMap<>();

    static {
        MODELS.put("example", "7 entities (the example)");
        MODELS.put("s300", "300 entities");
        MODELS.put("s1000", "1,000 entities");
        MODELS.put("keycloak", "Keycloak");
        TOOL_CASES.put("check-warm", "`check`, no database, nothing changed since the last run");
        TOOL_CASES.put("check-edit", "`check`, no database, after one entity edit");
        TOOL_CASES.put("check-nocds", "`check`, no database, nothing changed, without CDS (`MIGRATE_CDS=off`)");
        TOOL_CASES.put("check-cold", "`check`, no database, no caches and no CDS (`MIGRATE_CACHE_DIR=off MIGRATE_CDS=off`)");
        TOOL_CASES.put("check-url", "`check --url`, no change, against the migrated database, nothing changed since the last run");
        TOOL_CASES.put("check-url-edit", "`check --url`, no change in the schema, the first run after one entity edit");
        TOOL_CASES.put("create", "`create` after one entity edit, on an empty database, verified on a scratch database");
        TOOL_CASES.put("upgrade", "`upgrade` of that changelog on an empty database");
        TOOL_CASES.put("stamp", "`stamp head` of it on an empty database");
    }

    /** How the two check --url cases are named in the targets. */
    static final Map<String, String> WHEN = Map.of("check-url", "nothing changed since the last run",
            "check-url-edit", "first run after an entity edit");

    /** Figures quoted in issue 9 from an earlier measurement, used only where TypeORM was not run here. */
    static final Map<String, Double> TYPEORM_QUOTED_CHECK = Map.of("example", 0.64, "s300", 1.8);

    final Path work;
    final Properties meta = new Properties();
    final List<Run> runs = new ArrayList<>();
    final List<String> models;
    final int rounds;

    Report(Path work) throws IOException {
        this.work = work;
        try (var in = Files.newBufferedReader(work.resolve("meta.properties"))) {
            meta.load(in);
        }
        for (String line : Files.readAllLines(work.resolve("results.tsv"))) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            runs.add(new Run(Integer.parseInt(f[0]), f[1], f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                    Long.parseLong(f[5]), Integer.parseInt(f[6])));
        }
        models = Arrays.stream(meta.getProperty("models").split(" ")).filter(MODELS::containsKey).toList();
        rounds = Integer.parseInt(meta.getProperty("rounds"));
    }

    /**
     * What explains the targets a run does not meet, written by hand from the phase timings: bench/GAPS.md beside the
     * output (the repository root's BENCHMARKS.md), placed after the targets table; nothing when it is absent.
     */
    String gaps = "";

    public static void main(String[] args) throws IOException {
        Report r = new Report(Path.of(args[0]));
        Path out = Path.of(args[1]).toAbsolutePath();
        Path gaps = out.resolveSibling("bench").resolve("GAPS.md");
        if (Files.isRegularFile(gaps)) {
            r.gaps = Files.readString(gaps);
        }
        Files.writeString(out, r.render());
    }

    boolean validation() {
        return rounds < 7 || "1".equals(meta.getProperty("quick")) || !meta.getProperty("only", "").isEmpty();
    }

    // --- statistics ---------------------------------------------------------------------------------------------

    /** A case's timed runs (warm-up excluded) that did their job: exit 0, or 1 for a TypeORM check that found changes. */
    List<Run> ok(String model, String kase) {
        return runs.stream().filter(r -> r.round > 0 && r.model.equals(model) && r.kase.equals(kase))
                .filter(r -> r.rc == 0 || kase.equals("typeorm-check") && r.rc == 1).toList();
    }

    List<Run> all(String model, String kase) {
        return runs.stream().filter(r -> r.round > 0 && r.model.equals(model) && r.kase.equals(kase)).toList();
    }

    static double median(List<Run> rs, Function<Run, Double> value) {
        List<Double> v = rs.stream().map(value).sorted().toList();
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    OptionalDouble wall(String model, String kase) {
        List<Run> rs = ok(model, kase);
        return rs.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(median(rs, Run::wall));
    }

    static String s(double seconds) {
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }

    static String mb(double kb) {
        return String.format(Locale.ROOT, "%.0f MB", kb / 1024);
    }

    /** "1.23 s, 312 MB", or why there is no figure. */
    String cell(String model, String kase) {
        List<Run> all = all(model, kase);
        if (all.isEmpty()) {
            return "–";
        }
        List<Run> ok = ok(model, kase);
        if (ok.isEmpty()) {
            return "fails (exit " + all.get(0).rc + " after " + s(median(all, Run::wall)) + ")";
        }
        String text = s(median(ok, Run::wall)) + ", " + mb(median(ok, r -> (double) r.rssKb));
        if (ok.size() < all.size()) {
            text += " (" + (all.size() - ok.size()) + " of " + all.size() + " runs failed)";
        }
        return text;
    }

    /** The changes a tool reported on a database that already matched, as counted in every timed round. */
    String falseChanges(String file, String model) {
        Path p = work.resolve(file);
        try {
            Set<String> counts = new TreeSet<>();
            for (String line : Files.readAllLines(p)) {
                String[] f = line.split("\t");
                if (f.length == 3 && f[0].equals(model) && !f[1].equals("0")) {
                    counts.add(f[2]);
                }
            }
            return counts.isEmpty() ? "–" : String.join(" / ", counts);
        } catch (IOException e) {
            return "–";
        }
    }

    String ratio(OptionalDouble a, OptionalDouble b) {
        return a.isPresent() && b.isPresent() ? String.format(Locale.ROOT, "%.2f×", a.getAsDouble() / b.getAsDouble()) : "–";
    }

    String heading(String model) {
        String n = meta.getProperty("entities." + model);
        return model.equals("keycloak") && n != null ? "Keycloak (" + n + " entities)" : MODELS.get(model);
    }

    /** The first line of Liquibase's output that says why it failed. */
    Optional<String> liquibaseError(String model) {
        try {
            return Files.readAllLines(work.resolve("m").resolve(model).resolve("run").resolve("lb-diff.out")).stream()
                    .filter(l -> l.startsWith("Unexpected error running Liquibase:")).findFirst()
                    .map(l -> l.substring("Unexpected error running Liquibase:".length()).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    // --- the document -------------------------------------------------------------------------------------------

    String render() throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        if (validation()) {
            md.append("> **Validation run, not the benchmark.** ").append(rounds).append(" round(s)")
                    .append("1".equals(meta.getProperty("quick")) ? ", quick mode (7 and 300 entities only)" : "")
                    .append(meta.getProperty("only", "").isEmpty() ? "" : ", models " + meta.getProperty("only"))
                    .append(", on a machine shared with other builds. It shows the harness works; the figures are not ")
                    .append("the medians of 7 rounds the targets ask for. A full run (`bench/run.sh`) replaces this file.\n\n");
        }
        md.append("Measured by `bench/run.sh` on ").append(meta.getProperty("date")).append(" at commit `")
                .append(meta.getProperty("commit")).append("`: whole-process wall time and peak RSS, the median of ")
                .append(rounds).append(" round(s) after one warm-up round. Each round runs every case of every model ")
                .append("once, in the same order, so a change in the machine's load hits them all alike. ")
                .append("Reproduce with:\n\n```bash\nbench/run.sh\n```\n\n")
                .append("(`bench/run.sh 2 --quick` is the short validation run: 7 and 300 entities, 2 rounds.)\n\n");

        md.append("## jpa-migrate\n\nMedian wall time, median peak RSS.\n\n");
        table(md, "case", models.stream().map(this::heading).toList(), TOOL_CASES.entrySet().stream()
                .filter(e -> models.stream().anyMatch(m -> !all(m, e.getKey()).isEmpty()))
                .map(e -> row(e.getValue(), models.stream().map(m -> cell(m, e.getKey())).toList())).toList());

        md.append("\n## Side by side\n\n### No change, against a database that matches the entities\n\n");
        md.append("Each tool against a database migrated by its own migrations (jpa-migrate's and Liquibase's: the ")
                .append("same database, built by jpa-migrate's changelog; TypeORM's: built by its own generated ")
                .append("migration). Every change reported there is a false one. TypeORM and Liquibase keep no cache, ")
                .append("so every run of theirs does all the work; jpa-migrate caches the entities' schema by the ")
                .append("class path's contents, so its first `check --url` after an entity edit (which changes no ")
                .append("column here) computes it again, and the next one reads it.\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (String m : models) {
            rows.add(row(heading(m), List.of(cell(m, "check-url"), cell(m, "check-url-edit"), cell(m, "typeorm-check"),
                    falseChanges("typeorm-changes.tsv", m), cell(m, "lb-diff"),
                    falseChanges("liquibase-changesets.tsv", m))));
        }
        table(md, "model", List.of("jpa-migrate `check --url`, nothing changed since the last run",
                "jpa-migrate `check --url`, first run after an entity edit", "TypeORM `migration:generate --check`",
                "TypeORM false changes", "Liquibase Hibernate `diff-changelog`", "Liquibase false changeSets"), rows);
        long drift = models.stream().mapToLong(m -> Stream.concat(all(m, "check-url").stream(),
                all(m, "check-url-edit").stream()).filter(r -> r.rc != 0).count()).sum();
        md.append(drift == 0
                ? "\njpa-migrate reported no change in every one of these runs (exit 0; the harness also checks that "
                        + "before it starts).\n"
                : "\n**jpa-migrate's `check --url` did not exit 0 in " + drift + " run(s)**: see \"Every case\".\n");

        md.append("\n### The initial migration of the whole model, on an empty database\n\n");
        rows = new ArrayList<>();
        for (String m : models) {
            rows.add(row(heading(m), List.of(cell(m, "create"), cell(m, "typeorm-dryrun"))));
        }
        table(md, "model", List.of("jpa-migrate `create` (written, then verified: applies, matches, rolls back)",
                "TypeORM `migration:generate --dryrun` (printed, not verified)"), rows);

        md.append("\n## Ratios\n\nMedian wall time over median wall time; below 1× means jpa-migrate is faster.\n\n");
        rows = new ArrayList<>();
        for (String m : models) {
            rows.add(row(heading(m), List.of(
                    ratio(wall(m, "check-url"), wall(m, "typeorm-check")),
                    ratio(wall(m, "check-url-edit"), wall(m, "typeorm-check")),
                    ratio(wall(m, "check-url"), wall(m, "lb-diff")),
                    ratio(wall(m, "check-url-edit"), wall(m, "lb-diff")),
                    ratio(wall(m, "create"), wall(m, "typeorm-dryrun")),
                    ratio(wall(m, "create"), wall(m, "check-url-edit")))));
        }
        table(md, "model", List.of("`check --url` ÷ TypeORM `--check`", "`check --url` after an edit ÷ TypeORM `--check`",
                "`check --url` ÷ Liquibase `diff-changelog`", "`check --url` after an edit ÷ Liquibase `diff-changelog`",
                "`create` ÷ TypeORM `--dryrun`", "`create` ÷ `check --url` after an edit"), rows);

        md.append("\n## Targets\n\n");
        table(md, "target", List.of("measured", "met?"), targets());
        if (!gaps.isBlank()) {
            md.append("\n").append(gaps.strip()).append("\n");
        }

        md.append("\n## Where the time went\n\nOne `--verbose` run per model after the timed rounds, each right after ")
                .append("an entity edit, as `check-url-edit` and `create` in the rounds (with nothing changed since ")
                .append("the last run, `check --url` reads the entities' schema and the changelogs' head from its ")
                .append("cache, and little is left to break down).\n");
        for (String m : models) {
            for (String c : List.of("check-url", "create")) {
                Path p = work.resolve("phases").resolve(m + "." + c + ".txt");
                String text = Files.exists(p) ? Files.readString(p).strip() : "";
                md.append("\n**").append(heading(m)).append(", `").append(c.equals("create") ? "create" : "check --url")
                        .append("` after an entity edit**\n\n```\n").append(text.isEmpty() ? "(no phase lines printed)" : text).append("\n```\n");
            }
        }

        md.append("\n## Every case\n\n");
        rows = new ArrayList<>();
        for (String m : models) {
            for (String c : caseOrder()) {
                List<Run> all = all(m, c);
                if (all.isEmpty()) {
                    continue;
                }
                List<Run> ok = ok(m, c);
                List<Run> rs = ok.isEmpty() ? all : ok;
                rows.add(List.of(heading(m), tool(c), "`" + c + "`", ok.size() + " of " + all.size(),
                        s(median(rs, Run::wall)), s(rs.stream().mapToDouble(Run::wall).min().orElse(0)),
                        s(rs.stream().mapToDouble(Run::wall).max().orElse(0)), s(median(rs, Run::cpu)),
                        mb(median(rs, r -> (double) r.rssKb)), mb(rs.stream().mapToLong(Run::rssKb).max().orElse(0))));
            }
        }
        md.append("| model | tool | case | runs ok | wall median | wall min | wall max | CPU median (user+sys) | ")
                .append("peak RSS median | peak RSS max |\n|---|---|---|---|---|---|---|---|---|---|\n");
        rows.forEach(r -> md.append("| ").append(String.join(" | ", r)).append(" |\n"));

        md.append("\n## How it is measured\n\n").append(notes());
        md.append("\n## Machine\n\n");
        md.append("- ").append(meta.getProperty("nproc")).append(" cores (`nproc`), ").append(meta.getProperty("cpu"))
                .append("; ").append(meta.getProperty("memory")).append(" memory\n");
        md.append("- load average (1, 5, 15 min) at the start: ").append(meta.getProperty("load_start"))
                .append("; at the end: ").append(meta.getProperty("load_end")).append("\n");
        md.append("- ").append(meta.getProperty("java")).append("; PostgreSQL ").append(meta.getProperty("postgres"))
                .append(" (the server the databases are on; the embedded one of `check` without a database is the ")
                .append("tool's own)\n");
        md.append("- ").append(meta.getProperty("tool")).append("; ").append(meta.getProperty("liquibase"))
                .append("; ").append(meta.getProperty("typeorm")).append("\n");
        md.append("- ").append(meta.getProperty("date")).append(", commit `").append(meta.getProperty("commit")).append("`\n");
        return md.toString();
    }

    List<String> caseOrder() {
        List<String> order = new ArrayList<>(TOOL_CASES.keySet());
        order.addAll(List.of("lb-diff", "typeorm-check", "typeorm-dryrun"));
        return order;
    }

    static String tool(String kase) {
        return kase.startsWith("lb-") ? "Liquibase Hibernate" : kase.startsWith("typeorm-") ? "TypeORM" : "jpa-migrate";
    }

    List<List<String>> targets() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(target("`check`, no database, nothing changed, 7 entities ≤ 1 s", wall("example", "check-warm"), 1.0,
                "example"));
        rows.add(target("`check`, no database, nothing changed, 300 entities ≤ 1.5 s", wall("s300", "check-warm"), 1.5,
                "s300"));
        for (String m : List.of("example", "s300", "s1000")) {
            if (!models.contains(m) && !TYPEORM_QUOTED_CHECK.containsKey(m)) {
                continue;
            }
            for (String kase : List.of("check-url", "check-url-edit")) {
                OptionalDouble ours = wall(m, kase);
                OptionalDouble theirs = wall(m, "typeorm-check");
                String source = "";
                if (theirs.isEmpty() && TYPEORM_QUOTED_CHECK.containsKey(m)) {
                    theirs = OptionalDouble.of(TYPEORM_QUOTED_CHECK.get(m));
                    source = " (TypeORM's figure quoted from issue 9, not measured here)";
                }
                String name = "`check --url`, no change, " + MODELS.get(m).replace(" (the example)", "") + ", "
                        + WHEN.get(kase) + ": no slower than TypeORM's `migration:generate --check`";
                if (ours.isEmpty() || theirs.isEmpty()) {
                    rows.add(List.of(name, "not measured in this run", "–"));
                } else {
                    rows.add(List.of(name, s(ours.getAsDouble()) + " vs " + s(theirs.getAsDouble()) + source,
                            ours.getAsDouble() <= theirs.getAsDouble() ? "met" : "**not met**"));
                }
            }
        }
        for (String kase : List.of("check-url-edit", "check-url")) {
            OptionalDouble create = wall("s300", "create");
            OptionalDouble url = wall("s300", kase);
            String name = "300 entities: `create` with verification (after an entity edit) ≤ 2× `check --url`, "
                    + WHEN.get(kase);
            if (create.isEmpty() || url.isEmpty()) {
                rows.add(List.of(name, "not measured in this run", "–"));
            } else {
                rows.add(List.of(name, s(create.getAsDouble()) + " vs 2 × " + s(url.getAsDouble()) + " = "
                                + s(2 * url.getAsDouble()),
                        create.getAsDouble() <= 2 * url.getAsDouble() ? "met" : "**not met**"));
            }
        }
        for (String kase : List.of("check-url", "check-url-edit")) {
            rows.add(target("Keycloak `check --url` < 3 s, " + WHEN.get(kase), wall("keycloak", kase), 3.0, "keycloak"));
        }
        return rows;
    }

    List<String> target(String name, OptionalDouble measured, double limit, String model) {
        if (measured.isEmpty()) {
            return List.of(name, models.contains(model) ? "no successful run" : "not measured in this run", "–");
        }
        return List.of(name, s(measured.getAsDouble()), measured.getAsDouble() <= limit ? "met" : "**not met**");
    }

    String notes() {
        StringBuilder n = new StringBuilder();
        n.append("- **Wall time** is `/usr/bin/time`'s elapsed time of the whole process, JVM or Node start included. ")
                .append("**Peak RSS** is its maximum resident set size (`%M`): that of the largest single process, ")
                .append("so the embedded PostgreSQL's processes are not added to the JVM's. The CPU column is user + ")
                .append("system seconds, which a busy machine distorts less than wall time.\n");
        n.append("- **jpa-migrate** runs through the `./migrate` launcher, as the pre-commit hook does, with its own ")
                .append("cache directory (`MIGRATE_CACHE_DIR`, new for each benchmark run and filled by the setup and ")
                .append("the warm-up round): the class data sharing archive, the schema cache and the embedded ")
                .append("PostgreSQL's initialized data directory. Each command runs in a directory without ")
                .append("`migrate.properties`, with `--entities`, `--classpath` and `--changelogs` given.\n");
        n.append("- **Nothing changed** is a `check` run right after a `check` of the same inputs. **One entity ")
                .append("edit**: before `check-edit` and before `create`, in every round, one entity class (`User`, `E0001`, Keycloak's `RealmEntity`) is replaced ")
                .append("by a copy with one more `transient` field, a new one each round (`bench/EditClass.java`, with ")
                .append("Byte Buddy): the class path's fingerprint changes and the schema does not, as after a ")
                .append("developer's edit and recompilation.\n");
        n.append("- `create`, `upgrade` and `stamp head` each get a fresh empty database every round (created and ")
                .append("dropped outside the timing); `create` a fresh changelog directory too. `upgrade` and `stamp` ")
                .append("use the model's changelog, written by `create` during the setup (the example's is `changelogs/`).\n");
        n.append("- **Models.** The synthetic entities (`bench/GenModel.java`) have 8 columns each: a Long id from a ")
                .append("sequence or a UUID id (alternating), `varchar(120)`, `numeric(12,2)`, an `Instant`, a ")
                .append("boolean, an `@Enumerated(STRING)` enum, a `LocalDate` and an `Integer`; a `@ManyToOne` to ")
                .append("the previous entity; one `@Index`. They are compiled with javac against jakarta.persistence-api ")
                .append("3.1.0 and hibernate-core 6.6.36.Final.");
        if (meta.getProperty("keycloak.jar") != null) {
            n.append(" Keycloak: `").append(meta.getProperty("keycloak.jar")).append("` from Maven Central, ")
                    .append(meta.getProperty("entities.keycloak")).append(" `@Entity` classes in ")
                    .append(Arrays.stream(meta.getProperty("keycloak.packages").split(",")).map(p -> "`" + p + "`")
                            .collect(Collectors.joining(", ")))
                    .append("; on the class path beside it only the jars its entity classes need to load (")
                    .append(Arrays.stream(meta.getProperty("keycloak.jars").split(" ")).map(j -> "`" + j + "`")
                            .collect(Collectors.joining(", ")))
                    .append(", found with `jdeps`; `bench/deps/keycloak/pom.xml`), none of Keycloak's Quarkus, ")
                    .append("Infinispan, Hibernate or Liquibase. The entity jar is unpacked into a directory so that ")
                    .append("one class can be edited.");
        }
        n.append("\n");
        n.append("- **Liquibase Hibernate**: `liquibase.integration.commandline.LiquibaseCommandLine diff-changelog` ")
                .append("(").append(meta.getProperty("liquibase")).append("; `bench/deps/liquibase/pom.xml`) with ")
                .append("`--reference-url=hibernate:spring:<packages>?dialect=org.hibernate.dialect.PostgreSQLDialect`, ")
                .append("the extension's form for annotated classes found by package. That form needs Spring's ")
                .append("`spring-orm` and `spring-context` on the class path (the extension declares them `provided`); ")
                .append("`hibernate:classic:` needs a `hibernate.cfg.xml` listing every class. Run with `-Xss32m`, ")
                .append("`LIQUIBASE_ANALYTICS_ENABLED=false`, against the same migrated database as `check --url`; ")
                .append("its false changes are the changeSets it writes.");
        for (String m : models) {
            Path kinds = work.resolve("liquibase-kinds." + m + ".txt");
            if (Files.exists(kinds)) {
                try {
                    List<String> k = Files.readAllLines(kinds).stream().filter(l -> !l.isBlank()).toList();
                    if (!k.isEmpty()) {
                        n.append(" On ").append(heading(m)).append(" they are: ").append(k.stream()
                                .map(l -> "`" + l.split(" ")[0] + "` × " + l.split(" ")[1])
                                .collect(Collectors.joining(", "))).append(".");
                    }
                } catch (IOException e) {
                    // the counts are a detail; the table has the total
                }
            }
            if (ok(m, "lb-diff").isEmpty() && !all(m, "lb-diff").isEmpty()) {
                n.append(" On ").append(heading(m)).append(" it fails: ")
                        .append(liquibaseError(m).map(e -> "`" + e + "`").orElse("see its output")).append(".");
                if (m.equals("example")) {
                    // found by hand, running diff-changelog on one-entity models; the harness only sees the failure
                    n.append(" The cause, isolated on one-entity models: a `@JdbcTypeCode(SqlTypes.JSON)` column with ")
                            .append("a `@ColumnDefault` (the example's `metadata` jsonb columns); the extension's ")
                            .append("`ColumnSnapshotGenerator` finds no Liquibase type for it. A named enum column ")
                            .append("with a default, or `now()` and integer defaults, pass.");
                }
            }
        }
        n.append("\n");
        n.append("- **TypeORM** (").append(meta.getProperty("typeorm")).append("; `bench/typeorm/`): ")
                .append("`migration:generate --check` and `--dryrun` through its CLI (`node node_modules/typeorm/cli.js`) ")
                .append("on TypeScript entities compiled with tsc beforehand, so no TypeScript compiler runs in the ")
                .append("timing. The synthetic entities come from the same generator; the example's are written by ")
                .append("hand in `bench/typeorm/example/` (TypeORM's `@Index` has no DESC, so `user_memories`' index ")
                .append("is ascending there). TypeORM has no counterpart of Keycloak's published entities. Its ")
                .append("database is migrated by the migration it generated itself, so it is as much at head as ")
                .append("jpa-migrate's.\n");
        return n.toString();
    }

    static List<String> row(String first, List<String> rest) {
        List<String> r = new ArrayList<>();
        r.add(first);
        r.addAll(rest);
        return r;
    }

    static void table(StringBuilder md, String first, List<String> headings, List<List<String>> rows) {
        md.append("| ").append(first).append(" | ").append(String.join(" | ", headings)).append(" |\n|---");
        md.append("|---".repeat(headings.size())).append("|\n");
        rows.forEach(r -> md.append("| ").append(String.join(" | ", r)).append(" |\n"));
    }
}
