package dev.jpamigrate.example.model;

/** Who wrote a chat message. Constants are lower case because they are the PostgreSQL enum labels. */
public enum MessageRole { user, assistant, system }
