package dev.jpamigrate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a build tool puts a project's compiled classes, for a project that names no class path: Maven's
 * {@code target/classes}, Gradle's {@code build/classes/java/main} (and Kotlin's). Read from the disk, never guessed:
 * only directories that exist count.
 */
final class ProjectLayout {
    static final List<String> CLASS_DIRECTORIES = List.of("target/classes", "build/classes/java/main",
            "build/classes/kotlin/main");

    private ProjectLayout() {
    }

    /** The class directories of the project at {@code root} that exist, in the order above. */
    static List<Path> classDirectories(Path root) {
        return CLASS_DIRECTORIES.stream().map(root::resolve).filter(Files::isDirectory).toList();
    }
}
