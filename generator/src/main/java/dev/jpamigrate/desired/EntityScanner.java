package dev.jpamigrate.desired;

import jakarta.persistence.Converter;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Finds the mapped classes (entities, embeddables, mapped superclasses, converters) in packages. */
public final class EntityScanner {
    private EntityScanner() {
    }

    /** The mapped classes found, sorted by name; sub-packages are included. */
    public static List<Class<?>> scan(ClassLoader loader, List<String> packages) {
        SortedSet<String> classNames = new TreeSet<>();
        for (String pkg : packages) {
            String path = pkg.replace('.', '/');
            try {
                for (URL url : Collections.list(loader.getResources(path))) {
                    switch (url.getProtocol()) {
                        case "file" -> fromDirectory(Path.of(url.toURI()), pkg, classNames);
                        case "jar" -> fromJar(url, path, classNames);
                        default -> { }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        List<Class<?>> mapped = new ArrayList<>();
        for (String name : classNames) {
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                continue; // a class whose dependencies are absent cannot be an entity we can map
            }
            if (type.isAnnotationPresent(Entity.class) || type.isAnnotationPresent(Embeddable.class)
                    || type.isAnnotationPresent(MappedSuperclass.class) || type.isAnnotationPresent(Converter.class)) {
                mapped.add(type);
            }
        }
        return mapped;
    }

    private static void fromDirectory(Path dir, String pkg, Set<String> out) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("-"))
                    .forEach(f -> {
                        String relative = dir.relativize(f).toString().replace(java.io.File.separatorChar, '.');
                        out.add(pkg + "." + relative.substring(0, relative.length() - ".class".length()));
                    });
        }
    }

    private static void fromJar(URL url, String path, Set<String> out) throws IOException {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (name.startsWith(path + "/") && name.endsWith(".class") && !name.contains("-")) {
                    out.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
            }
        }
    }
}
