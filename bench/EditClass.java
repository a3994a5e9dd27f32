import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.FieldPersistence;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes COUNT edited copies of one compiled entity class, each with one more {@code transient} field
 * ({@code benchEdit<k>}), which JPA does not map: the class file changes as after a developer's edit and
 * recompilation, so the class path's fingerprint changes, while the schema stays the same. Works on classes without
 * their sources (Keycloak's), which is why it edits bytecode rather than recompiling.
 *
 * <pre>java -cp BYTE_BUDDY_JAR bench/EditClass.java CLASSES_DIR CLASS_NAME OUT_DIR COUNT</pre>
 * writes {@code OUT_DIR/<k>/<class path>.class} for k = 1..COUNT.
 */
public final class EditClass {
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: java -cp BYTE_BUDDY_JAR bench/EditClass.java CLASSES_DIR CLASS_NAME OUT_DIR COUNT");
            System.exit(2);
        }
        Path classes = Path.of(args[0]);
        String name = args[1];
        Path out = Path.of(args[2]);
        int count = Integer.parseInt(args[3]);
        String file = name.replace('.', '/') + ".class";
        // the class's own file, and the JDK for its supertypes; nothing of it is loaded
        ClassFileLocator locator = new ClassFileLocator.Compound(new ClassFileLocator.ForFolder(classes.toFile()),
                ClassFileLocator.ForClassLoader.ofPlatformLoader());
        TypePool pool = TypePool.Default.of(locator);
        for (int k = 1; k <= count; k++) {
            byte[] edited = new ByteBuddy()
                    .redefine(pool.describe(name).resolve(), locator)
                    .defineField("benchEdit" + k, int.class, Visibility.PRIVATE, FieldPersistence.TRANSIENT)
                    .make()
                    .getBytes();
            Path target = out.resolve(Integer.toString(k)).resolve(file);
            Files.createDirectories(target.getParent());
            Files.write(target, edited);
        }
    }

    private EditClass() {
    }
}
