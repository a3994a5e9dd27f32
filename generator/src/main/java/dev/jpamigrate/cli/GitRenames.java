package dev.jpamigrate.cli;

import dev.jpamigrate.diff.Renames;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renames the working tree shows: in one Java file, a field declaration removed and one of the same type added
 * ({@code git diff HEAD}). Offered as evidence next to a drop and an add that look like a rename; never applied on
 * its own. Without git, or outside a repository, there is simply no evidence.
 */
final class GitRenames {
    /** One field whose name (or mapped column name) the working tree changed. */
    record FieldRename(String file, String type, String from, String to) {
        String describe() {
            return file + " renames " + type + " " + from + " to " + to;
        }
    }

    private static final Pattern FIELD = Pattern.compile("^\\s*((?:@[\\w.]+(?:\\([^)]*\\))?\\s+)*)"
            + "(?:(?:private|protected|public|final|transient)\\s+)*([\\w.]+(?:<[^;=]*>)?(?:\\[\\])?)\\s+(\\w+)\\s*"
            + "(?:=[^;]*)?;\\s*$");
    private static final Pattern COLUMN_NAME = Pattern.compile("@(?:Column|JoinColumn)\\s*\\([^)]*\\bname\\s*=\\s*\"([^\"]+)\"");

    private GitRenames() {
    }

    static List<FieldRename> read(Path dir) {
        String diff;
        try {
            Process git = new ProcessBuilder("git", "-C", dir.toString(), "diff", "--no-color", "-U0", "HEAD", "--",
                    "*.java").redirectErrorStream(false).start();
            git.getOutputStream().close();
            diff = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!git.waitFor(5, TimeUnit.SECONDS) || git.exitValue() != 0) {
                return List.of();
            }
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        return parse(diff);
    }

    /** The renames in a unified diff: per file, each removed field paired with an added one of the same type. */
    static List<FieldRename> parse(String diff) {
        List<FieldRename> out = new ArrayList<>();
        String file = null;
        List<String[]> removed = new ArrayList<>();
        List<String[]> added = new ArrayList<>();
        for (String line : (diff + "\n+++ b/<end>").split("\n")) {
            if (line.startsWith("+++ ")) {
                pair(file, removed, added, out);
                file = line.substring(4).replaceFirst("^b/", "");
                removed.clear();
                added.clear();
            } else if (line.startsWith("-") && !line.startsWith("---")) {
                field(line.substring(1)).ifPresent(removed::add);
            } else if (line.startsWith("+")) {
                field(line.substring(1)).ifPresent(added::add);
            }
        }
        return out;
    }

    private static void pair(String file, List<String[]> removed, List<String[]> added, List<FieldRename> out) {
        List<String[]> left = new ArrayList<>(added);
        for (String[] r : removed) {
            for (String[] a : left) {
                if (a[0].equals(r[0]) && !a[1].equals(r[1])) {
                    out.add(new FieldRename(Path.of(file).getFileName().toString(), r[0], r[1], a[1]));
                    left.remove(a);
                    break;
                }
            }
        }
    }

    /** {type, name}: the mapped column name when an annotation on the line names one, else the field name. */
    private static Optional<String[]> field(String line) {
        Matcher m = FIELD.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        Matcher column = COLUMN_NAME.matcher(m.group(1));
        return Optional.of(new String[]{m.group(2), column.find() ? column.group(1) : m.group(3)});
    }

    /** The field rename that explains a suggested column rename, if the working tree shows one. */
    static Optional<FieldRename> explaining(List<FieldRename> renames, Renames.Suggestion s) {
        if (s.request().kind() != Renames.Kind.COLUMN) {
            return Optional.empty();
        }
        String from = s.request().from().substring(s.request().from().lastIndexOf('.') + 1);
        String to = s.request().to();
        return renames.stream().filter(r -> same(r.from(), from) && same(r.to(), to)).findFirst();
    }

    /** A field and a column name match when they differ only in case and underscores (displayName, display_name). */
    private static boolean same(String field, String column) {
        return field.replace("_", "").toLowerCase(Locale.ROOT).equals(column.replace("_", "").toLowerCase(Locale.ROOT));
    }
}
