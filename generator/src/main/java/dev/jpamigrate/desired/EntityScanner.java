package dev.jpamigrate.desired;

import dev.jpamigrate.util.Causes;
import dev.jpamigrate.MigrateException;
import jakarta.persistence.Converter;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.annotation.AnnotationFormatError;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds the mapped classes (entities, embeddables, mapped superclasses, converters) in packages. */
public final class EntityScanner {
    /** The mapping annotations, in the order a class is named by them, with the word for such a class. */
    private static final Map<Class<? extends Annotation>, String> KINDS = kinds();
    private static final String CLASSPATH = "--classpath (classpath= in migrate.properties)";
    /** NoSuchMethodError's message: {@code 'void com.acme.Base.touch()'}, or {@code com.acme.Base.touch()V}. */
    private static final Pattern NO_SUCH_METHOD = Pattern.compile("'?(?:\\S+ )?([\\w$.]+)\\.[\\w$<>]+\\(.*");
    private static final Pattern TOO_NEW =
            Pattern.compile("(\\S+) has been compiled by a more recent version.*class file version (\\d+)\\.\\d+.*");
    /** A qualified class name in a JVM message, dotted or slashed. */
    private static final Pattern TYPE_NAME = Pattern.compile("(?<![\\w$.])(?:[a-z_$][\\w$]*[./])+[A-Z][\\w$]*");

    private EntityScanner() {
    }

    private static Map<Class<? extends Annotation>, String> kinds() {
        Map<Class<? extends Annotation>, String> kinds = new LinkedHashMap<>();
        kinds.put(Entity.class, "entity");
        kinds.put(MappedSuperclass.class, "mapped superclass");
        kinds.put(Embeddable.class, "embeddable");
        kinds.put(Converter.class, "converter");
        return Collections.unmodifiableMap(kinds);
    }

    /**
     * The mapped classes found, sorted by name; sub-packages are included.
     *
     * @throws MigrateException for a mapped class that cannot be loaded, naming the type it lacks
     */
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
            // A repository or helper beside the entities may extend a type from a jar the entities do not need, so
            // only a class whose file names a mapping annotation is loaded; one that then fails stops the run, for
            // skipping it would turn its table into a DROP TABLE.
            Optional<String> kind = mappedKind(loader, name);
            if (kind.isEmpty()) {
                continue;
            }
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
                if (kind(type).isPresent()) {
                    mapped.add(type);
                }
            } catch (ClassNotFoundException | LinkageError | TypeNotPresentException | AnnotationFormatError e) {
                throw cannot("load", kind.get(), name, e);
            }
        }
        return mapped;
    }

    /**
     * The packages that hold mapped classes in these class directories (jars are a project's dependencies, not its
     * model), as few as cover them all: a package below another found one is covered by it, since a scan includes
     * sub-packages. Read from the class files, nothing is loaded. Sorted; empty when there is none.
     */
    public static List<String> packagesIn(List<Path> directories) {
        SortedSet<String> found = new TreeSet<>();
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class")
                        && !f.getFileName().toString().equals("module-info.class")
                        && !f.getFileName().toString().equals("package-info.class"))::iterator) {
                    if (isMapped(f)) {
                        Path pkg = dir.relativize(f).getParent();
                        found.add(pkg == null ? "" : pkg.toString().replace(f.getFileSystem().getSeparator(), "."));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<String> packages = new ArrayList<>();
        for (String p : found) { // sorted: a package comes before the packages below it
            if (packages.stream().noneMatch(q -> q.isEmpty() || p.equals(q) || p.startsWith(q + "."))) {
                packages.add(p);
            }
        }
        return packages;
    }

    private static boolean isMapped(Path classFile) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(classFile))) {
            Set<String> descriptors = descriptors(new DataInputStream(in));
            return KINDS.keySet().stream().anyMatch(k -> descriptors.contains("L" + k.getName().replace('.', '/') + ";"));
        } catch (IOException | IllegalArgumentException e) {
            return false; // not a class file this scan can read: the scan itself reports what it cannot load
        }
    }

    /** What a mapped class is, in words, from its annotations; empty for a class that is not mapped. */
    private static Optional<String> kind(Class<?> type) {
        for (Map.Entry<Class<? extends Annotation>, String> e : KINDS.entrySet()) {
            if (type.isAnnotationPresent(e.getKey())) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * What the class file of {@code name} says the class is, without loading it: an annotation on the class is a
     * descriptor string in its constant pool. A descriptor can also be there for another reason (a field of that
     * type), which only means the class is loaded and looked at; a file that cannot be read is taken as mapped.
     */
    private static Optional<String> mappedKind(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                return Optional.of("class");
            }
            Set<String> descriptors = descriptors(new DataInputStream(new BufferedInputStream(in)));
            return KINDS.entrySet().stream()
                    .filter(e -> descriptors.contains("L" + e.getKey().getName().replace('.', '/') + ";"))
                    .map(Map.Entry::getValue).findFirst();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of("class");
        }
    }

    /** The strings of a class file's constant pool that look like class descriptors ({@code Lpkg/Name;}). */
    private static Set<String> descriptors(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IllegalArgumentException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        Set<String> found = new HashSet<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> { // Utf8, in the modified UTF-8 that readUTF reads
                    String s = in.readUTF();
                    if (s.startsWith("L") && s.endsWith(";")) {
                        found.add(s);
                    }
                }
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2); // Class, String, MethodType, Module, Package
                case 15 -> in.skipNBytes(3); // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4); // Integer, Float, refs, NameAndType, Dynamic
                case 5, 6 -> { // Long and Double take two entries
                    in.skipNBytes(8);
                    i++;
                }
                default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
            }
        }
        return found;
    }

    /**
     * The mapped class, and the type it needs, behind a failure of Hibernate's metadata build; empty when the
     * failure is not about a class the class path lacks or holds in a clashing version. Hibernate's error rarely
     * says which entity it was reading, so each mapped class is made to resolve what Hibernate reads of it.
     */
    static Optional<MigrateException> cannotMap(List<Class<?>> classes, Throwable failure) {
        Optional<Throwable> problem = typeProblem(failure);
        if (problem.isEmpty()) {
            return Optional.empty();
        }
        String needed = needed(problem.get()).orElse(null);
        Class<?> culprit = null;
        Throwable culpritProblem = problem.get();
        for (Class<?> c : classes) {
            Optional<Throwable> own = resolve(c);
            // Another class may lack another type; name it only when Hibernate's own error names no type at all.
            if (own.isPresent() && (needed == null || needed.equals(needed(own.get()).orElse(null)))) {
                culprit = c;
                culpritProblem = own.get();
                break;
            }
        }
        if (culprit == null) {
            culprit = named(classes, failure).orElse(null);
        }
        if (culprit == null) {
            return Optional.of(cannot("map", null, null, problem.get()));
        }
        return Optional.of(cannot("map", kind(culprit).orElse("class"), culprit.getName(), culpritProblem));
    }

    /**
     * The first error in the chain that is about a type: missing, not present, or not the version expected. A static
     * initializer that throws is the user's code failing, not the class path.
     */
    static Optional<Throwable> typeProblem(Throwable failure) {
        return Causes.first(failure, t -> t instanceof ClassNotFoundException || t instanceof TypeNotPresentException
                || t instanceof LinkageError && !(t instanceof ExceptionInInitializerError));
    }

    /** Makes the JVM resolve what Hibernate reads of a mapped class: its supertypes, members and annotations. */
    private static Optional<Throwable> resolve(Class<?> c) {
        try {
            c.getGenericSuperclass();
            c.getGenericInterfaces();
            annotations(c.getDeclaredAnnotations());
            for (Field f : c.getDeclaredFields()) {
                f.getGenericType();
                annotations(f.getDeclaredAnnotations());
            }
            for (Method m : c.getDeclaredMethods()) {
                m.getGenericReturnType();
                m.getGenericParameterTypes();
                annotations(m.getDeclaredAnnotations());
            }
            return Optional.empty();
        } catch (RuntimeException | LinkageError | AnnotationFormatError e) {
            return typeProblem(e).or(() -> Optional.of(e));
        }
    }

    /** A class-valued member whose class is missing throws only when it is read, as Hibernate reads it. */
    private static void annotations(Annotation[] annotations) {
        for (Annotation a : annotations) {
            for (Method member : a.annotationType().getDeclaredMethods()) {
                Object value;
                try {
                    value = member.invoke(a);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error r) {
                        throw r;
                    }
                    continue;
                } catch (ReflectiveOperationException | RuntimeException e) {
                    continue; // a member we may not read is one Hibernate does not read either
                }
                if (value instanceof Annotation nested) {
                    annotations(new Annotation[]{nested});
                } else if (value instanceof Annotation[] nested) {
                    annotations(nested);
                }
            }
        }
    }

    /** A mapped class the failure names in a message or a stack frame. */
    private static Optional<Class<?>> named(List<Class<?>> classes, Throwable failure) {
        for (Throwable t : Causes.chain(failure)) {
            for (Class<?> c : classes) {
                String message = t.getMessage();
                if (message != null && Pattern.compile("(?<![\\w.$])" + Pattern.quote(c.getName()) + "(?![\\w$])")
                        .matcher(message).find()) {
                    return Optional.of(c);
                }
                for (StackTraceElement frame : t.getStackTrace()) {
                    if (frame.getClassName().equals(c.getName())) {
                        return Optional.of(c);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The type the class path lacks, named the way Java source names it. */
    private static Optional<String> needed(Throwable problem) {
        String message = problem.getMessage();
        if (problem instanceof TypeNotPresentException t) {
            return Optional.of(t.typeName());
        }
        if (message == null || message.contains(" ")) {
            return Optional.empty(); // "Could not initialize class", "wrong name": not a missing class
        }
        if (problem instanceof ClassNotFoundException || problem instanceof NoClassDefFoundError) {
            return Optional.of(message.replace('/', '.'));
        }
        return Optional.empty();
    }

    /**
     * One line for a class that cannot be loaded or mapped: the class, the type behind it and what to do. The user
     * fixes this on the class path, so the message says which entry to add.
     *
     * @param kind "entity", "embeddable", ...; null when the class is not known
     */
    static MigrateException cannot(String verb, String kind, String className, Throwable problem) {
        String subject = "cannot " + verb + " " + (className == null ? "the entities" : kind + " " + className);
        String they = className == null ? "they need " : "it needs ";
        Optional<String> needed = needed(problem);
        if (needed.isPresent() && !needed.get().equals(className)) {
            return new MigrateException(subject + ": " + they + needed.get() + ", which is not on the class path;"
                    + " add the jar or directory that holds " + needed.get() + " to " + CLASSPATH, problem);
        }
        String message = problem.getMessage() == null ? "" : problem.getMessage().replaceAll("\\s+", " ");
        Matcher tooNew = TOO_NEW.matcher(message);
        if (problem instanceof UnsupportedClassVersionError && tooNew.matches()) {
            int java = Integer.parseInt(tooNew.group(2)) - 44; // class file version 61 is Java 17
            int running = Runtime.version().feature();
            String newer = tooNew.group(1).replace('/', '.');
            return new MigrateException(subject + ": " + (newer.equals(className) ? "it" : newer)
                    + " was compiled for Java " + java + " and this is Java " + running + "; run migrate on Java "
                    + java + " or newer, or compile the entities with --release " + running, problem);
        }
        if (problem instanceof IncompatibleClassChangeError) {
            // NoSuchMethodError, NoSuchFieldError, AbstractMethodError, IllegalAccessError are all this kind
            Optional<String> clashing = clashing(problem, message, className);
            String type = clashing.orElse(className == null ? "a type they use" : "a type it uses");
            return new MigrateException(subject + ": " + (className == null ? "they were" : "it was")
                    + " compiled against another version of " + type + " than the one on the class path ("
                    + problem.getClass().getSimpleName() + ": " + message + "); put the jar or directory with the"
                    + " matching version" + clashing.map(c -> " of " + c).orElse("") + " on " + CLASSPATH
                    + ", and no other", problem);
        }
        return new MigrateException(subject + ": " + problem.getClass().getSimpleName()
                + (message.isEmpty() ? "" : ": " + message) + "; check " + CLASSPATH, problem);
    }

    /** The type that is not the version the class was compiled against, as the JVM names it in its message. */
    private static Optional<String> clashing(Throwable problem, String message, String className) {
        if (problem instanceof NoSuchMethodError) {
            Matcher m = NO_SUCH_METHOD.matcher(message);
            if (m.matches()) {
                return Optional.of(m.group(1));
            }
        }
        Matcher m = TYPE_NAME.matcher(message);
        while (m.find()) {
            String type = m.group().replace('/', '.');
            if (!type.equals(className) && !type.startsWith("java.")) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
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
