package dev.jpamigrate.run;

import java.util.List;
import java.util.Optional;

/**
 * Every migration of the changelogs in order with its applied state, plus what the database has applied from
 * files the changelogs no longer list.
 */
public record Status(List<Migration> migrations, List<String> unknownFiles) {
    public Status {
        migrations = List.copyOf(migrations);
        unknownFiles = List.copyOf(unknownFiles);
    }

    /** The last migration with any changeSet applied: the database's revision. */
    public Optional<Migration> current() {
        for (int i = migrations.size() - 1; i >= 0; i--) {
            if (migrations.get(i).applied() > 0) {
                return Optional.of(migrations.get(i));
            }
        }
        return Optional.empty();
    }

    public Optional<Migration> head() {
        return migrations.isEmpty() ? Optional.empty() : Optional.of(migrations.get(migrations.size() - 1));
    }

    public List<Migration> pending() {
        return migrations.stream().filter(m -> m.state() != Migration.State.APPLIED).toList();
    }

    /** Nothing pending: what current and history --format json call atHead. */
    public boolean atHead() {
        return pending().isEmpty();
    }

    public int appliedChangeSets() {
        return migrations.stream().mapToInt(Migration::applied).sum();
    }
}
