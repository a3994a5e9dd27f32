import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a synthetic model of N entities shaped like a real application's, twice: as JPA entities (Java) and as
 * TypeORM entities (TypeScript) with the same tables, columns, foreign keys and indexes.
 *
 * <p>Entity i has 8 columns: its id (a Long from a sequence when i is even, a UUID when it is odd), a name
 * {@code varchar(120)}, an amount {@code numeric(12,2)}, a creation instant, an active flag, a status enum stored as
 * text, a date and a quantity; a {@code @ManyToOne} to entity i-1 (entity 1 has none); and one index.
 *
 * <pre>java bench/GenModel.java N JAVA_SRC_DIR TS_SRC_DIR</pre>
 */
public final class GenModel {
    static final String PACKAGE = "bench.synthetic";

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java bench/GenModel.java N JAVA_SRC_DIR TS_SRC_DIR");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        Path javaDir = Path.of(args[1]).resolve(PACKAGE.replace('.', '/'));
        Path tsDir = Path.of(args[2]).resolve("entities");
        Files.createDirectories(javaDir);
        Files.createDirectories(tsDir);
        Files.writeString(javaDir.resolve("Status.java"), """
                package %s;

                /** The lifecycle of a synthetic row. */
                public enum Status { DRAFT, ACTIVE, SUSPENDED, ARCHIVED }
                """.formatted(PACKAGE));
        Files.writeString(tsDir.resolve("Status.ts"), """
                export enum Status {
                    DRAFT = "DRAFT",
                    ACTIVE = "ACTIVE",
                    SUSPENDED = "SUSPENDED",
                    ARCHIVED = "ARCHIVED",
                }
                """);
        for (int i = 1; i <= n; i++) {
            Files.writeString(javaDir.resolve(name(i) + ".java"), java(i, n));
            Files.writeString(tsDir.resolve(name(i) + ".ts"), typeScript(i, n));
        }
    }

    static String name(int i) {
        return String.format(Locale.ROOT, "E%04d", i);
    }

    static String table(int i) {
        return name(i).toLowerCase(Locale.ROOT);
    }

    static boolean uuidId(int i) {
        return i % 2 == 1;
    }

    /** Half the entities index their name, the other half their foreign key with the creation time. */
    static boolean indexOnName(int i) {
        return i == 1 || i % 2 == 0;
    }

    static String java(int i, int n) {
        String id = uuidId(i)
                ? "    @Id\n    @GeneratedValue(strategy = GenerationType.UUID)\n    private UUID id;\n"
                : "    @Id\n    @GeneratedValue(strategy = GenerationType.SEQUENCE)\n    private Long id;\n";
        String index = indexOnName(i)
                ? "@Index(name = \"ix_%s_name\", columnList = \"name\")".formatted(table(i))
                : "@Index(name = \"ix_%s_previous_created\", columnList = \"previous_id, created_at\")".formatted(table(i));
        String previous = i == 1 ? "" : """

                    @ManyToOne(fetch = FetchType.LAZY)
                    @JoinColumn(name = "previous_id")
                    private %s previous;
                """.formatted(name(i - 1));
        return """
                package %1$s;

                import jakarta.persistence.*;

                import java.math.BigDecimal;
                import java.time.Instant;
                import java.time.LocalDate;
                import java.util.UUID;

                /** Synthetic entity %2$d of %3$d. */
                @Entity
                @Table(name = "%4$s", indexes = %5$s)
                public class %6$s {
                %7$s
                    @Column(nullable = false, length = 120)
                    private String name;

                    @Column(precision = 12, scale = 2)
                    private BigDecimal amount;

                    @Column(name = "created_at", nullable = false)
                    private Instant createdAt;

                    @Column(nullable = false)
                    private boolean active;

                    @Enumerated(EnumType.STRING)
                    @Column(length = 16)
                    private Status status;

                    @Column(name = "valid_from")
                    private LocalDate validFrom;

                    private Integer quantity;
                %8$s}
                """.formatted(PACKAGE, i, n, table(i), index, name(i), id, previous);
    }

    static String typeScript(int i, int n) {
        String id = uuidId(i)
                ? "    @PrimaryGeneratedColumn(\"uuid\")\n    id!: string;\n"
                : "    @PrimaryGeneratedColumn({ type: \"bigint\" })\n    id!: string;\n";
        String index = indexOnName(i)
                ? "@Index(\"ix_%s_name\", [\"name\"])".formatted(table(i))
                : "@Index(\"ix_%s_previous_created\", [\"previous\", \"createdAt\"])".formatted(table(i));
        String importPrevious = i == 1 ? "" : "import { %1$s } from \"./%1$s\";\n".formatted(name(i - 1));
        String previous = i == 1 ? "" : """

                    @ManyToOne(() => %s, { nullable: true })
                    @JoinColumn({ name: "previous_id" })
                    previous!: %s | null;
                """.formatted(name(i - 1), name(i - 1));
        return """
                import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
                import { Status } from "./Status";
                %1$s
                /** Synthetic entity %2$d of %3$d. */
                @Entity("%4$s")
                %5$s
                export class %6$s {
                %7$s
                    @Column({ type: "varchar", length: 120 })
                    name!: string;

                    @Column({ type: "numeric", precision: 12, scale: 2, nullable: true })
                    amount!: string | null;

                    @Column({ name: "created_at", type: "timestamptz" })
                    createdAt!: Date;

                    @Column({ type: "boolean" })
                    active!: boolean;

                    @Column({ type: "enum", enum: Status, nullable: true })
                    status!: Status | null;

                    @Column({ name: "valid_from", type: "date", nullable: true })
                    validFrom!: string | null;

                    @Column({ type: "integer", nullable: true })
                    quantity!: number | null;
                %8$s}
                """.formatted(importPrevious, i, n, table(i), index, name(i), id, previous);
    }

    private GenModel() {
    }
}
