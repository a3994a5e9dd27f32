package dev.jpamigrate.cli;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.change.Hazard;
import dev.jpamigrate.lint.HazardLint;
import dev.jpamigrate.run.Lifecycle;
import dev.jpamigrate.run.Migration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** The hazard gate for CI: exit 1 when a migration not yet applied holds a hazard nobody accepted. */
@Command(name = "lint", description = {"Fail (exit 1) when a migration not yet applied holds hazards nobody accepted.",
        "Which migrations: the FILEs given; else, with a database (--url, DATABASE_URL, .env), the pending ones; else all.",
        "Accept a hazard in review with a line '-- accept: DELETES_DATA' in the changeSet, or with --allow-hazards."})
final class LintCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Migration files to lint (relative to the changelogs).")
    List<String> files = List.of();

    @Option(names = "--allow-hazards", paramLabel = "KIND[,KIND...]", split = ",",
            description = "Hazards accepted everywhere, e.g. LOCKS_TABLE,BLOCKS_WRITES.")
    List<String> allowed = List.of();

    @Option(names = "--format", paramLabel = "text|json|markdown", defaultValue = "text",
            description = "text (default), json (for tools) or markdown (for a pull-request comment).")
    String format;

    @Override
    public Integer call() {
        Set<Hazard> allow = HazardLint.parse(String.join(",", allowed));
        root.offlineIsNormal = true;
        return root.withDatabase(engine -> {
            List<String> chosen = !files.isEmpty() ? files : engine.hasDatabase()
                    ? engine.lifecycle(Duration.ZERO, line -> { }, Lifecycle::status).pending().stream()
                    .map(Migration::file).toList()
                    : engine.changelogs().files();
            List<HazardLint.Finding> findings = new ArrayList<>();
            for (String file : chosen) {
                Path path = engine.changelogs().dir().resolve(file);
                try {
                    findings.addAll(HazardLint.read(file, Files.readString(path), allow));
                } catch (IOException e) {
                    throw new MigrateException("cannot read " + path + ": " + e.getMessage(), e);
                }
            }
            List<HazardLint.Finding> failing = findings.stream().filter(f -> !f.unaccepted().isEmpty()).toList();
            print(chosen, findings, failing, engine.renderOptions().timeZone());
            return failing.isEmpty() ? ExitCode.OK : ExitCode.DRIFT;
        });
    }

    private void print(List<String> chosen, List<HazardLint.Finding> findings, List<HazardLint.Finding> failing,
                       String zone) {
        PrintWriter out = root.out();
        switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "json" -> out.println(json(chosen, findings, failing.isEmpty()));
            case "markdown" -> {
                out.println(failing.isEmpty() ? "### Migration hazards: all accepted" : "### Migration hazards: "
                        + failing.size() + " changeSet(s) with hazards nobody accepted");
                out.println();
                if (!findings.isEmpty()) {
                    out.println("| file | changeSet | hazards | accepted | not accepted |");
                    out.println("|---|---|---|---|---|");
                    for (HazardLint.Finding f : findings) {
                        out.println("| `" + f.file() + "` | `" + f.changeSet() + "` | " + names(f.hazards()) + " | "
                                + names(f.accepted()) + " | " + (f.unaccepted().isEmpty() ? "" : "**" + names(f.unaccepted()) + "**") + " |");
                    }
                }
            }
            case "text" -> {
                for (HazardLint.Finding f : failing) {
                    for (Hazard h : f.unaccepted()) {
                        out.println(f.file() + ": changeSet " + f.changeSet() + " " + h.name() + " (" + h.words(zone)
                                + ") not accepted: add '-- accept: " + h.name() + "' to the changeSet after review,"
                                + " or pass --allow-hazards " + h.name());
                    }
                }
                out.println(failing.isEmpty()
                        ? "OK: " + chosen.size() + " migration(s), " + findings.size() + " changeSet(s) with hazards, all accepted"
                        : "FAILED: " + failing.size() + " changeSet(s) hold hazards nobody accepted");
            }
            default -> throw new MigrateException("unknown format '" + format + "': use text, json or markdown",
                    null, MigrateException.Kind.USAGE);
        }
        out.flush();
    }

    private static String names(Set<Hazard> hazards) {
        return hazards.stream().map(Hazard::name).collect(Collectors.joining(", "));
    }

    private static String json(List<String> chosen, List<HazardLint.Finding> findings, boolean ok) {
        StringBuilder sb = new StringBuilder("{\n  \"ok\": ").append(ok).append(",\n  \"migrations\": [");
        for (int i = 0; i < chosen.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("\n    ").append(quote(chosen.get(i)));
        }
        sb.append(chosen.isEmpty() ? "" : "\n  ").append("],\n  \"changeSets\": [");
        for (int i = 0; i < findings.size(); i++) {
            HazardLint.Finding f = findings.get(i);
            sb.append(i == 0 ? "" : ",").append("\n    {\"file\": ").append(quote(f.file())).append(", \"id\": ")
                    .append(quote(f.changeSet())).append(", \"hazards\": ").append(list(f.hazards()))
                    .append(", \"accepted\": ").append(list(f.accepted())).append(", \"unaccepted\": ")
                    .append(list(f.unaccepted())).append('}');
        }
        return sb.append(findings.isEmpty() ? "" : "\n  ").append("]\n}").toString();
    }

    private static String list(Set<Hazard> hazards) {
        return hazards.stream().map(h -> quote(h.name())).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
