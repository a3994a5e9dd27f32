package dev.jpamigrate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A sentence as data: words, commands to run and literal code, kept apart so that each output can set them its own
 * way (plain text, Markdown with commands as code) and commands name the launcher the user typed
 * ({@link Program#command}). The layers below the CLI build these; {@code cli} and {@code report} word them.
 */
public record Text(List<Part> parts) {
    public Text {
        parts = List.copyOf(parts);
    }

    /** One piece of a sentence. */
    public sealed interface Part {
    }

    /** Plain words. */
    public record Words(String text) implements Part {
    }

    /** A command of this tool to run: {@code create "<message>"}, written for the launcher when worded. */
    public record Command(String name, List<String> args) implements Part {
        public Command {
            args = List.copyOf(args);
        }
    }

    /** Literal code that is not this tool's command: a git command line, an SQL statement. */
    public record Code(String text) implements Part {
    }

    /** Strings are words; parts and texts are kept as they are. */
    public static Text of(Object... pieces) {
        List<Part> parts = new ArrayList<>();
        for (Object piece : pieces) {
            if (piece == null) {
                continue;
            } else if (piece instanceof Text t) {
                parts.addAll(t.parts());
            } else if (piece instanceof Part p) {
                parts.add(p);
            } else {
                parts.add(new Words(String.valueOf(piece)));
            }
        }
        return new Text(parts);
    }

    public static Command command(String name, String... args) {
        return new Command(name, List.of(args));
    }

    public static Code code(String text) {
        return new Code(text);
    }

    /** The sentence with each command written by {@code commands}. */
    public String words(Function<Command, String> commands) {
        StringBuilder s = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Words w) {
                s.append(w.text());
            } else if (p instanceof Code c) {
                s.append(c.text());
            } else {
                s.append(commands.apply((Command) p));
            }
        }
        return s.toString();
    }

    /** The sentence in the words of the launcher that runs (see {@link Program#words}). */
    @Override
    public String toString() {
        return Program.words(this);
    }
}
