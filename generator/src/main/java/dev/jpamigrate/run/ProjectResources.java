package dev.jpamigrate.run;

import liquibase.resource.AbstractResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.Resource;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The files Liquibase reads, the way Spring Boot finds them on the class path: paths are relative to one root
 * directory (a project's {@code src/main/resources}), and a {@code classpath:} prefix means that root too. Liquibase's
 * own directory accessor does not know that prefix, and Spring's accessor needs Spring.
 *
 * <p>An overlay directory, when given, holds files that shadow the root's at the same relative path: a migration and
 * master that {@code create} is trying out, without copying the user's resource tree.
 */
final class ProjectResources extends AbstractResourceAccessor {
    private final Path root;
    private final DirectoryResourceAccessor base;
    private final DirectoryResourceAccessor overlay;

    ProjectResources(Path root, Path overlay) throws FileNotFoundException {
        this.root = root;
        // a candidate for a project's first migration has its files in the overlay only
        this.base = overlay != null && !Files.isDirectory(root) ? null : new DirectoryResourceAccessor(root);
        this.overlay = overlay == null ? null : new DirectoryResourceAccessor(overlay);
    }

    /** {@code classpath:db/x.xml}, {@code classpath*:/db/x.xml} and {@code /db/x.xml} all name {@code db/x.xml}. */
    static String strip(String path) {
        String p = path.replace('\\', '/');
        if (p.startsWith("classpath*:")) {
            p = p.substring("classpath*:".length());
        } else if (p.startsWith("classpath:")) {
            p = p.substring("classpath:".length());
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p;
    }

    @Override
    public List<Resource> getAll(String path) throws IOException {
        String p = strip(path);
        if (overlay != null) {
            List<Resource> shadow = overlay.getAll(p);
            if (shadow != null && !shadow.isEmpty()) {
                return shadow;
            }
        }
        List<Resource> found = base == null ? null : base.getAll(p);
        return found == null || found.isEmpty() ? null : found;
    }

    @Override
    public List<Resource> search(String path, SearchOptions options) throws IOException {
        String p = strip(path);
        List<Resource> found = new ArrayList<>();
        Set<String> shadowed = new HashSet<>();
        if (overlay != null) {
            for (Resource r : overlay.search(p, options)) {
                found.add(r);
                shadowed.add(r.getPath());
            }
        }
        for (Resource r : base == null ? List.<Resource>of() : base.search(p, options)) {
            if (!shadowed.contains(r.getPath())) {
                found.add(r);
            }
        }
        return found;
    }

    @Override
    public List<Resource> search(String path, boolean recursive) throws IOException {
        SearchOptions options = new SearchOptions();
        options.setRecursive(recursive);
        return search(path, options);
    }

    @Override
    public List<String> describeLocations() {
        return List.of(root.toString());
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " (" + root + ")";
    }

    @Override
    public void close() throws Exception {
        if (base != null) {
            base.close();
        }
        if (overlay != null) {
            overlay.close();
        }
    }
}
