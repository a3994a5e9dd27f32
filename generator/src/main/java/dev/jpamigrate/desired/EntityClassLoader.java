package dev.jpamigrate.desired;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The user's class path, child first: the entities and the libraries they bring load from it, in the user's versions,
 * even where the tool ships another version of the same library (jackson, slf4j, the jboss-logging that
 * hibernate-search needs). Only the JDK and what the tool must share with its Hibernate come from elsewhere: the JPA
 * API and Hibernate itself, whose annotations and SPIs the entities must see as the very classes Hibernate reads
 * them with. A Hibernate module the tool does not ship (envers, search, validator) still loads from the user's class
 * path, against the tool's Hibernate core.
 */
final class EntityClassLoader extends URLClassLoader {
    /** Packages the tool's loader supplies, as class-name prefixes. */
    private static final List<String> SHARED = List.of("jakarta.persistence.", "org.hibernate.");

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader tool;

    EntityClassLoader(URL[] urls, ClassLoader tool) {
        super("entities", urls, ClassLoader.getPlatformClassLoader());
        this.tool = tool;
    }

    private static boolean shared(String className) {
        return SHARED.stream().anyMatch(className::startsWith);
    }

    private static boolean sharedResource(String path) {
        return shared(path.replace('/', '.'));
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = tryLoad(getParent(), name); // the JDK, which no class path overrides
            }
            if (c == null && shared(name)) {
                c = tryLoad(tool, name);
            }
            if (c == null) {
                c = findClass(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private static Class<?> tryLoad(ClassLoader loader, String name) {
        try {
            return loader.loadClass(name);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    @Override
    public URL getResource(String name) {
        URL url = getParent().getResource(name);
        if (url == null && sharedResource(name)) {
            url = tool.getResource(name);
        }
        return url != null ? url : findResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> urls = new ArrayList<>(Collections.list(getParent().getResources(name)));
        if (sharedResource(name)) {
            urls.addAll(Collections.list(tool.getResources(name)));
        }
        urls.addAll(Collections.list(findResources(name)));
        return Collections.enumeration(urls);
    }
}
