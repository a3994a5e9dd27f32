import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { Message } from "./Message";
import { User } from "./User";

/**
 * A fact or preference extracted from a user's conversations. The Java index is (user_id, importance DESC);
 * TypeORM's @Index has no column order, so this one is ascending.
 */
@Entity("user_memories")
@Index("idx_user_memories_importance", ["user", "importance"])
@Check("ck_user_memories_importance", `"importance" BETWEEN 1 AND 10`)
export class UserMemory {
    @PrimaryGeneratedColumn("uuid")
    id!: string;

    @ManyToOne(() => User, { nullable: false, onDelete: "CASCADE" })
    @JoinColumn({ name: "user_id", foreignKeyConstraintName: "fk_user_memories_user" })
    user!: User;

    @ManyToOne(() => Message, { nullable: true, onDelete: "SET NULL" })
    @JoinColumn({ name: "source_message_id", foreignKeyConstraintName: "fk_user_memories_source_message" })
    sourceMessage!: Message | null;

    @Column({ type: "text" })
    content!: string;

    @Column({ type: "varchar", length: 50, nullable: true })
    category!: string | null;

    @Column({ type: "integer", default: 5 })
    importance!: number;

    @CreateDateColumn({ name: "created_at", type: "timestamptz" })
    createdAt!: Date;

    @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
    updatedAt!: Date;
}
