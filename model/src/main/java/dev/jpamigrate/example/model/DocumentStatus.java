package dev.jpamigrate.example.model;

/** Processing state of an uploaded document. Constants are the PostgreSQL enum labels. */
public enum DocumentStatus { pending, processing, completed, failed }
