package dev.jpamigrate.cli;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.function.Consumer;

/** The --verbose account of where a run's time went, including the JVM's own start. */
final class Timings {
    private Timings() {
    }

    static void print(Consumer<String> log, long startedAtUptime, Map<String, Long> phases) {
        long total = ManagementFactory.getRuntimeMXBean().getUptime();
        log.accept("where the time went:");
        log.accept(line("jvm start + tool load", startedAtUptime, total));
        phases.forEach((phase, ms) -> log.accept(line(phase, ms, total)));
        log.accept(String.format("  %-24s %6d ms   (phases can overlap: hibernate ddl runs beside the embedded start)",
                "total", total));
    }

    private static String line(String phase, long ms, long total) {
        return String.format("  %-24s %6d ms %3d%%", phase, ms, total == 0 ? 0 : ms * 100 / total);
    }
}
