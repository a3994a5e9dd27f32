// The example model's PostgreSQL enum types (model/src/main/java/dev/jpamigrate/example/model/*.java).
export enum DocumentStatus { pending = "pending", processing = "processing", completed = "completed", failed = "failed" }
export enum MessageRole { user = "user", assistant = "assistant", system = "system" }
export enum ScratchpadEntryType { todo = "todo", note = "note", journal = "journal" }
