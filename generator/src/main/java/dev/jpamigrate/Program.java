package dev.jpamigrate;

/**
 * What the user types to run this tool, for the messages that say what to run next ("run jpa-migrate upgrade
 * first"). Each launcher names itself in the system property {@value #PROPERTY}: {@code ./migrate} in this
 * repository, {@code jpa-migrate} for the installed one, {@code mvn jpa-migrate:} for the Maven plugin; without it the
 * name is {@value #DEFAULT}. A name that ends with ':' is a Maven plugin prefix: commands are its goals, and their
 * arguments the goals' properties.
 */
public final class Program {
    public static final String PROPERTY = "jpa-migrate.command";
    public static final String DEFAULT = "jpa-migrate";

    private Program() {
    }

    /** The launcher's name: {@code jpa-migrate}, {@code ./migrate} or {@code mvn jpa-migrate:}. */
    public static String name() {
        String name = System.getProperty(PROPERTY);
        return name == null || name.isBlank() ? DEFAULT : name.trim();
    }

    /** The name the usage help shows: the launcher's, or for Maven the tool's. */
    public static String usageName() {
        return isMaven(name()) ? DEFAULT : name();
    }

    /**
     * A command to type, its arguments written the command line's way: {@code command("create", "\"<message>\"")}
     * is {@code jpa-migrate create "<message>"}, or {@code mvn jpa-migrate:create -Dmessage="<message>"}.
     */
    public static String command(String command, String... args) {
        return commandFor(name(), command, args);
    }

    /** A command of a {@link Text}, in the launcher's words. */
    public static String command(Text.Command command) {
        return command(command.name(), command.args().toArray(String[]::new));
    }

    /** A {@link Text} with its commands in the launcher's words. */
    public static String words(Text text) {
        return text.words(Program::command);
    }

    static String commandFor(String name, String command, String... args) {
        StringBuilder s = new StringBuilder(name);
        if (isMaven(name)) {
            s.append(command);
            for (String arg : args) {
                s.append(' ').append(goalProperty(command, arg));
            }
        } else {
            s.append(' ').append(command);
            for (String arg : args) {
                s.append(' ').append(arg);
            }
        }
        return s.toString();
    }

    private static boolean isMaven(String name) {
        return name.endsWith(":");
    }

    /** An argument of the command line as the Maven plugin's goal takes it (see jpa-migrate-maven-plugin). */
    private static String goalProperty(String command, String arg) {
        if (arg.equals("--url")) {
            return "-Djpa-migrate.url=<url>";
        }
        if (arg.startsWith("--")) {
            return "-Djpa-migrate." + arg.substring(2);
        }
        return switch (command) {
            case "create" -> "-Dmessage=" + arg;
            case "stamp" -> "-Drevision=" + arg;
            case "downgrade" -> arg.matches("-?\\d+") ? "-Dcount=" + arg : "-Drevision=" + arg;
            case "upgrade" -> "-Drevision=" + arg;
            default -> arg;
        };
    }
}
