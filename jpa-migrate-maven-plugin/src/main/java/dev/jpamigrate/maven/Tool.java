package dev.jpamigrate.maven;

import java.io.File;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The command-line tool, run in this JVM in a class loader of its own: the tool's jars (the plugin's dependencies)
 * over the JDK's platform classes and nothing of Maven's, so Maven's SLF4J, Guice or Plexus never meet the tool's
 * Hibernate and Liquibase. The user's project goes in as the entity class path, which the tool loads in a further
 * class loader of its own ({@code --classpath}).
 */
final class Tool {
    /** What the messages call the tool ("run mvn jpa-migrate:upgrade first"); read by dev.jpamigrate.Program. */
    static final String COMMAND_PROPERTY = "jpa-migrate.command";
    static final String COMMAND = "mvn jpa-migrate:";
    private static final String ENTRY = "dev.jpamigrate.cli.Main";

    /**
     * One loader per set of jars for the life of the plugin's realm: the second goal of one build ({@code mvn
     * jpa-migrate:upgrade jpa-migrate:check}) finds Hibernate and Liquibase loaded. Never closed: a pgjdbc or
     * Liquibase thread may still load a class from it after a goal has returned.
     */
    private static final Map<List<URL>, ClassLoader> LOADERS = new ConcurrentHashMap<>();

    private final ClassLoader loader;

    Tool(List<File> jars) {
        List<URL> urls = new ArrayList<>();
        for (File jar : jars) {
            try {
                urls.add(jar.toURI().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(jar + ": " + e.getMessage(), e);
            }
        }
        this.loader = LOADERS.computeIfAbsent(List.copyOf(urls),
                u -> new URLClassLoader("jpa-migrate", u.toArray(URL[]::new), ClassLoader.getPlatformClassLoader()));
    }

    /** Runs one command line; returns its exit code (0 ok, 1 drift or failed check, 2 error). */
    int run(List<String> args, Map<String, String> env, Path workDir, PrintWriter out, PrintWriter err) {
        Method run;
        try {
            run = Class.forName(ENTRY, true, loader).getMethod("run", String[].class, Map.class, Path.class,
                    PrintWriter.class, PrintWriter.class);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the plugin's jpa-migrate is incomplete (" + ENTRY
                    + ".run: " + e + "); its dependencies do not match the plugin", e);
        }
        Thread thread = Thread.currentThread();
        ClassLoader previousLoader = thread.getContextClassLoader();
        // Set, never restored: it is one value for every goal of every build in this JVM, so nothing that runs
        // beside a goal can see it change halfway through.
        System.setProperty(COMMAND_PROPERTY, COMMAND);
        thread.setContextClassLoader(loader);
        try {
            return (Integer) run.invoke(null, args.toArray(String[]::new), env, workDir, out, err);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(ENTRY + ".run is not callable: " + e.getMessage(), e);
        } catch (InvocationTargetException e) {
            // Main.run words every failure itself; this is an Error it let through (out of memory)
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } finally {
            thread.setContextClassLoader(previousLoader);
        }
    }
}
