import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { Conversation } from "./Conversation";
import { ScratchpadEntryType } from "./enums";
import { User } from "./User";

/** A todo, note or journal entry kept for a user, optionally tied to a conversation. */
@Entity("scratchpad_entries")
@Index("idx_scratchpad_user_type", ["user", "entryType"])
export class ScratchpadEntry {
    @PrimaryGeneratedColumn("uuid")
    id!: string;

    @ManyToOne(() => User, { nullable: false, onDelete: "CASCADE" })
    @JoinColumn({ name: "user_id", foreignKeyConstraintName: "fk_scratchpad_entries_user" })
    user!: User;

    @ManyToOne(() => Conversation, { nullable: true, onDelete: "SET NULL" })
    @JoinColumn({ name: "conversation_id", foreignKeyConstraintName: "fk_scratchpad_entries_conversation" })
    conversation!: Conversation | null;

    @Column({ name: "entry_type", type: "enum", enum: ScratchpadEntryType, enumName: "scratchpad_entry_type" })
    entryType!: ScratchpadEntryType;

    @Column({ type: "varchar", length: 255, nullable: true })
    title!: string | null;

    @Column({ type: "text" })
    content!: string;

    @Column({ type: "boolean", default: false })
    completed!: boolean;

    @CreateDateColumn({ name: "created_at", type: "timestamptz" })
    createdAt!: Date;

    @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
    updatedAt!: Date;
}
