package dev.jpamigrate.diff;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.change.Change;
import dev.jpamigrate.change.Change.*;
import dev.jpamigrate.schema.*;

import java.util.*;

/**
 * Renames the user asked for, and the drops and adds that look like renames the user did not ask for. The diff never
 * guesses a rename (a guess that fires on a genuinely new column loses data the other way); it keeps values only when
 * told, and it says when a drop and an add may be one rename.
 */
public final class Renames {
    private Renames() {
    }

    /** What a rename names: a column {@code [schema.]table.old=new}, a table, or an enum label. */
    public enum Kind {
        COLUMN("--rename"), TABLE("--rename-table"), VALUE("--rename-value");

        private final String option;

        Kind(String option) {
            this.option = option;
        }

        public String option() {
            return option;
        }
    }

    /** One requested rename, as typed: {@code users.display_name=full_name}, {@code old=app.new}, {@code status.A=B}. */
    public record Request(Kind kind, String from, String to) {
        /** The option that asks for it, exactly as a user types it. */
        public String option() {
            return kind.option() + " " + from + "=" + to;
        }

        public static Request parse(Kind kind, String text) {
            int eq = text.indexOf('=');
            if (eq <= 0 || eq == text.length() - 1) {
                throw new MigrateException(kind.option() + " wants OLD=NEW, e.g. " + example(kind) + "; got '" + text
                        + "'", null, MigrateException.Kind.USAGE);
            }
            return new Request(kind, text.substring(0, eq).trim(), text.substring(eq + 1).trim());
        }

        private static String example(Kind kind) {
            return switch (kind) {
                case COLUMN -> "users.display_name=full_name";
                case TABLE -> "customers=clients (or public.customers=crm.customers)";
                case VALUE -> "order_status.SHIPPED=DISPATCHED";
            };
        }
    }

    /** A drop and an add that may be one rename, with the request that would make it one. */
    public record Suggestion(String dropped, String added, Request request) {
    }

    /**
     * The changes for the requested renames, tables first, each checked against both schemas: the old name exists now
     * and the entities no longer map it, the new name is what the entities map and does not exist yet.
     */
    public static List<Change> changes(Schema current, Schema desired, List<Request> requests) {
        List<Change> changes = new ArrayList<>();
        Map<QualifiedName, QualifiedName> movedTables = new HashMap<>();
        Set<String> schemas = new HashSet<>(current.schemas());
        for (Request r : requests.stream().filter(r -> r.kind() == Kind.TABLE).toList()) {
            QualifiedName from = qualified(r.from());
            QualifiedName to = qualified(r.to().contains(".") ? r.to() : from.schema() + "." + r.to());
            require(current.table(from).isPresent(), r, "there is no table " + from + " to rename");
            require(desired.table(to).isPresent(), r, "the entities map no table " + to);
            require(current.table(to).isEmpty(), r, "table " + to + " exists already");
            require(desired.table(from).isEmpty(), r, "the entities still map table " + from);
            if (!"public".equals(to.schema()) && schemas.add(to.schema())) {
                changes.add(new CreateSchema(to.schema()));
            }
            changes.add(new RenameTable(from, to));
            movedTables.put(from, to);
        }
        for (Request r : requests.stream().filter(r -> r.kind() == Kind.COLUMN).toList()) {
            int dot = r.from().lastIndexOf('.');
            require(dot > 0, r, "name the table: TABLE.OLD=NEW");
            QualifiedName named = qualified(r.from().substring(0, dot));
            String column = r.from().substring(dot + 1);
            // the table as the entities name it, or as it is now
            QualifiedName table = movedTables.getOrDefault(named, named);
            QualifiedName before = movedTables.entrySet().stream().filter(e -> e.getValue().equals(table))
                    .map(Map.Entry::getKey).findFirst().orElse(table);
            Optional<Table> now = current.table(before);
            Optional<Table> wanted = desired.table(table);
            require(now.isPresent(), r, "there is no table " + before);
            require(now.get().column(column).isPresent(), r, "table " + before + " has no column " + column);
            require(wanted.isPresent() && wanted.get().column(r.to()).isPresent(), r,
                    "the entities map no column " + table + "." + r.to());
            require(now.get().column(r.to()).isEmpty(), r, "column " + before + "." + r.to() + " exists already");
            require(wanted.get().column(column).isEmpty(), r, "the entities still map " + table + "." + column);
            changes.add(new RenameColumn(table, column, r.to()));
        }
        for (Request r : requests.stream().filter(r -> r.kind() == Kind.VALUE).toList()) {
            int dot = r.from().lastIndexOf('.');
            require(dot > 0, r, "name the enum type: TYPE.OLD=NEW");
            QualifiedName type = qualified(r.from().substring(0, dot));
            String label = r.from().substring(dot + 1);
            Optional<EnumType> now = current.enums().stream().filter(e -> e.name().equals(type)).findFirst();
            Optional<EnumType> wanted = desired.enums().stream().filter(e -> e.name().equals(type)).findFirst();
            require(now.isPresent(), r, "there is no enum type " + type);
            require(now.get().values().contains(label), r, "enum type " + type + " has no label '" + label + "'");
            require(wanted.isPresent() && wanted.get().values().contains(r.to()), r,
                    "the entities' enum type " + type + " has no label '" + r.to() + "'");
            require(!now.get().values().contains(r.to()), r, "enum type " + type + " has a label '" + r.to() + "' already");
            changes.add(new RenameEnumValue(type, label, r.to()));
        }
        return changes;
    }

    /** The drops and adds in {@code changes} that look like renames: same table and type, same columns, one label. */
    public static List<Suggestion> suggestions(List<Change> changes) {
        List<Suggestion> out = new ArrayList<>();
        for (Change c : changes) {
            if (c instanceof DropColumn drop) {
                for (Change d : changes) {
                    // the same name dropped and added is a re-creation (a new generation expression), not a rename
                    if (d instanceof AddColumn add && add.table().equals(drop.table())
                            && !add.column().name().equals(drop.column().name())
                            && add.column().type().equals(drop.column().type())) {
                        out.add(new Suggestion(drop.table() + "." + drop.column().name(), add.table() + "." + add.column().name(),
                                new Request(Kind.COLUMN, drop.table() + "." + drop.column().name(), add.column().name())));
                    }
                }
            } else if (c instanceof DropTable drop) {
                for (Change d : changes) {
                    if (d instanceof CreateTable create && sameColumns(drop.table(), create.table())) {
                        QualifiedName from = drop.table().name();
                        QualifiedName to = create.table().name();
                        out.add(new Suggestion("table " + from, "table " + to, new Request(Kind.TABLE, from.toString(),
                                from.schema().equals(to.schema()) ? to.name() : to.schema() + "." + to.name())));
                    }
                }
            } else if (c instanceof AlterEnum alter && !alter.onlyAdds() && alter.from().size() == alter.to().size()) {
                List<Integer> differing = new ArrayList<>();
                for (int i = 0; i < alter.from().size(); i++) {
                    if (!alter.from().get(i).equals(alter.to().get(i))) {
                        differing.add(i);
                    }
                }
                if (differing.size() == 1 && !alter.from().contains(alter.to().get(differing.get(0)))) {
                    String old = alter.from().get(differing.get(0));
                    String now = alter.to().get(differing.get(0));
                    out.add(new Suggestion(alter.name() + " '" + old + "'", "'" + now + "'",
                            new Request(Kind.VALUE, alter.name() + "." + old, now)));
                }
            }
        }
        return out;
    }

    private static boolean sameColumns(Table a, Table b) {
        Map<String, String> x = new HashMap<>();
        a.columns().forEach(c -> x.put(c.name(), c.type()));
        Map<String, String> y = new HashMap<>();
        b.columns().forEach(c -> y.put(c.name(), c.type()));
        return !x.isEmpty() && x.equals(y);
    }

    private static QualifiedName qualified(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? new QualifiedName("public", name) : new QualifiedName(name.substring(0, dot), name.substring(dot + 1));
    }

    private static void require(boolean ok, Request r, String why) {
        if (!ok) {
            throw new MigrateException("cannot " + r.option() + ": " + why, null, MigrateException.Kind.USAGE);
        }
    }
}
