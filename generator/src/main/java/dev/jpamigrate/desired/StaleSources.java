package dev.jpamigrate.desired;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Entity sources edited after their classes were compiled: the migration would be generated from the old classes.
 * Only file times are read (no parsing), and only below the entity packages, so it costs a few stat calls.
 */
public final class StaleSources {
    private StaleSources() {
    }

    /** A source newer than what was compiled from it; {@code classes} is the directory that should hold it. */
    public record Stale(Path source, Path classes) {
    }

    /**
     * The source roots to look in: {@code configured} (relative to {@code root}) if any, else {@code src/main/java} of
     * the project and of each Maven ({@code target/classes}) or Gradle ({@code build/classes/java/main}) class
     * directory's module.
     */
    public static List<Path> sourceRoots(Path root, List<String> configured, List<Path> classDirs) {
        Set<Path> roots = new LinkedHashSet<>();
        if (!configured.isEmpty()) {
            configured.forEach(c -> roots.add(root.resolve(c).normalize()));
            return List.copyOf(roots);
        }
        roots.add(root.resolve("src/main/java"));
        for (Path dir : classDirs) {
            Path d = dir.toAbsolutePath().normalize();
            if (d.endsWith(Path.of("target", "classes"))) {
                roots.add(d.getParent().getParent().resolve("src/main/java"));
            } else if (d.endsWith(Path.of("build", "classes", "java", "main")) && d.getNameCount() > 4) {
                roots.add(d.getParent().getParent().getParent().getParent().resolve("src/main/java"));
            }
        }
        return roots.stream().filter(Files::isDirectory).toList();
    }

    /**
     * The first {@code .java} file of the packages (sub-packages included) that is newer than its {@code .class} in
     * one of {@code classDirs}, or, when it has none (a new file), newer than the newest class file of its package
     * there. Jars are not looked at, nor packages that no class directory holds.
     */
    public static Optional<Stale> find(List<Path> sourceRoots, List<Path> classDirs, List<String> packages) {
        List<Path> dirs = classDirs.stream().filter(Files::isDirectory).toList();
        if (dirs.isEmpty()) {
            return Optional.empty();
        }
        for (Path sourceRoot : sourceRoots) {
            for (String pkg : packages) {
                Path base = sourceRoot.resolve(pkg.replace('.', '/'));
                if (!Files.isDirectory(base)) {
                    continue;
                }
                List<Path> sources;
                try (Stream<Path> walk = Files.walk(base)) {
                    sources = walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
                } catch (IOException | UncheckedIOException e) {
                    continue; // a warning is not worth failing the run for
                }
                for (Path source : sources) {
                    Optional<Stale> stale = stale(sourceRoot, source, dirs);
                    if (stale.isPresent()) {
                        return stale;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Stale> stale(Path sourceRoot, Path source, List<Path> classDirs) {
        Path relative = sourceRoot.relativize(source);
        String name = relative.getFileName().toString();
        Path classFile = relative.resolveSibling(name.substring(0, name.length() - ".java".length()) + ".class");
        FileTime modified = time(source);
        if (modified == null) {
            return Optional.empty();
        }
        for (Path dir : classDirs) {
            FileTime compiled = time(dir.resolve(classFile.toString()));
            if (compiled != null) {
                return modified.compareTo(compiled) > 0 ? Optional.of(new Stale(source, dir)) : Optional.empty();
            }
        }
        for (Path dir : classDirs) {
            Path pkg = relative.getParent() == null ? dir : dir.resolve(relative.getParent().toString());
            FileTime newest = newestClass(pkg);
            if (newest != null) {
                return modified.compareTo(newest) > 0 ? Optional.of(new Stale(source, dir)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static FileTime newestClass(Path pkg) {
        if (!Files.isDirectory(pkg)) {
            return null;
        }
        List<FileTime> times = new ArrayList<>();
        try (Stream<Path> files = Files.list(pkg)) {
            files.filter(p -> p.toString().endsWith(".class")).forEach(p -> {
                FileTime t = time(p);
                if (t != null) {
                    times.add(t);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
        return times.stream().max(FileTime::compareTo).orElse(null);
    }

    private static FileTime time(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }
}
