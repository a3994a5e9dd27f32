package dev.jpamigrate.example.model;

/** Kind of scratchpad entry. Constants are the PostgreSQL enum labels. */
public enum ScratchpadEntryType { todo, note, journal }
