package dev.jpamigrate.testing;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles entity sources written in a test into a class directory, so a test can hand the tool a model the way a
 * user does: a package name and a class path.
 */
public final class EntityCompiler {
    /** Imports every test model gets for free. */
    public static final String IMPORTS = """
            import jakarta.persistence.*;
            import org.hibernate.annotations.Check;
            import org.hibernate.annotations.ColumnDefault;
            import org.hibernate.annotations.Comment;
            import org.hibernate.annotations.JdbcTypeCode;
            import org.hibernate.annotations.OnDelete;
            import org.hibernate.annotations.OnDeleteAction;
            import org.hibernate.type.SqlTypes;
            import java.math.BigDecimal;
            import java.time.*;
            import java.util.*;
            """;

    private EntityCompiler() {
    }

    /** Compiles one source file of package {@code pkg} (its package line and imports are added) into {@code out}. */
    public static Path compile(String pkg, String body, Path out) {
        return compileFiles(Map.of("Model.java", "package " + pkg + ";\n" + IMPORTS + body), pkg, out);
    }

    /** Compiles several files, given by file name, all in {@code pkg}. */
    public static Path compileFiles(Map<String, String> files, String pkg, Path out) {
        return compileFiles(files, pkg, out, List.of());
    }

    /** Compiles several files of {@code pkg} against classes that are not on the test's class path. */
    public static Path compileFiles(Map<String, String> files, String pkg, Path out, List<Path> classpath) {
        try {
            Path src = Files.createTempDirectory("jpa-migrate-src");
            Path pkgDir = src.resolve(pkg.replace('.', '/'));
            Files.createDirectories(pkgDir);
            Files.createDirectories(out);
            StringBuilder cp = new StringBuilder(System.getProperty("java.class.path"));
            classpath.forEach(p -> cp.append(java.io.File.pathSeparator).append(p));
            List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-classpath",
                    cp.toString(), "-proc:none", "-nowarn", "-encoding", "UTF-8"));
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path file = pkgDir.resolve(f.getKey());
                Files.writeString(file, f.getValue());
                args.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int rc = javac.run(null, null, err, args.toArray(String[]::new));
            if (rc != 0) {
                throw new IllegalArgumentException("test model does not compile:\n" + err.toString(StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
