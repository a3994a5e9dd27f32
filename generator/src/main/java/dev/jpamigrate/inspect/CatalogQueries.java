package dev.jpamigrate.inspect;

/** The catalog queries, one per object kind. Each ends in ORDER BY so that the model comes out in a fixed order. */
final class CatalogQueries {
    private CatalogQueries() {
    }

    /** Schemas that hold user objects: not PostgreSQL's own, not an extension's. */
    private static final String USER_SCHEMA = """
            n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
            """;

    private static String notExtensionMember(String catalog, String oid) {
        return " not exists (select 1 from pg_depend e where e.classid = '" + catalog + "'::regclass and e.objid = "
                + oid + " and e.deptype = 'e') ";
    }

    /** Tables the tool manages: ordinary and partitioned tables, minus Liquibase's own bookkeeping. */
    private static final String MANAGED_TABLE = USER_SCHEMA
            + " and c.relkind in ('r', 'p') and not c.relispartition"
            + " and c.relname not in ('databasechangelog', 'databasechangeloglock') and"
            + notExtensionMember("pg_class", "c.oid");

    static final String SCHEMAS = """
            select n.nspname as schema_name
            from pg_namespace n
            where n.nspname <> 'public' and """ + " " + USER_SCHEMA + " and " + notExtensionMember("pg_namespace", "n.oid") + """

            order by 1
            """;

    /**
     * Extensions, each after those it requires (the longest chain of requirements below it, then the name). plpgsql
     * is left out: every database has it, template0 included.
     */
    static final String EXTENSIONS = """
            with recursive required(oid, depth) as (
                select e.oid, 0 from pg_extension e
                union all
                select d.objid, r.depth + 1
                from pg_depend d
                join required r on r.oid = d.refobjid
                where d.classid = 'pg_extension'::regclass and d.refclassid = 'pg_extension'::regclass
                  and d.deptype = 'n'
            )
            select e.extname as name, n.nspname as schema
            from pg_extension e
            join pg_namespace n on n.oid = e.extnamespace
            join (select oid, max(depth) as depth from required group by oid) r on r.oid = e.oid
            where e.extname <> 'plpgsql'
            order by r.depth, e.extname
            """;

    static final String ENUMS = """
            select n.nspname as schema_name, t.typname as type_name,
                   array_agg(e.enumlabel::text order by e.enumsortorder) as labels
            from pg_type t
            join pg_namespace n on n.oid = t.typnamespace
            join pg_enum e on e.enumtypid = t.oid
            where""" + " " + USER_SCHEMA + " and " + notExtensionMember("pg_type", "t.oid") + """
            group by 1, 2
            order by 1, 2
            """;

    static final String SEQUENCES = """
            select n.nspname as schema_name, c.relname as sequence_name, format_type(s.seqtypid, null) as data_type,
                   s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                   own.nspname as owner_schema, oc.relname as owner_table, oa.attname as owner_column
            from pg_sequence s
            join pg_class c on c.oid = s.seqrelid
            join pg_namespace n on n.oid = c.relnamespace
            left join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = c.oid
                 and d.refclassid = 'pg_class'::regclass and d.deptype = 'a'
            left join pg_class oc on oc.oid = d.refobjid
            left join pg_namespace own on own.oid = oc.relnamespace
            left join pg_attribute oa on oa.attrelid = d.refobjid and oa.attnum = d.refobjsubid
            where""" + " " + USER_SCHEMA + """
              and not exists (select 1 from pg_depend i where i.classid = 'pg_class'::regclass and i.objid = c.oid
                              and i.deptype in ('i', 'e'))
            order by 1, 2
            """;

    static final String TABLES = """
            select n.nspname as schema_name, c.relname as table_name, obj_description(c.oid, 'pg_class') as table_comment
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            where""" + " " + MANAGED_TABLE + """
            order by 1, 2
            """;

    static final String COLUMNS = """
            select n.nspname as schema_name, c.relname as table_name, a.attname,
                   format_type(a.atttypid, a.atttypmod) as type, t.typcategory, a.attnotnull,
                   case when a.attgenerated = '' then pg_get_expr(d.adbin, d.adrelid) end as default_expr,
                   case when a.attgenerated <> '' then pg_get_expr(d.adbin, d.adrelid) end as generated_expr,
                   a.attidentity, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                   col_description(c.oid, a.attnum) as column_comment
            from pg_attribute a
            join pg_class c on c.oid = a.attrelid
            join pg_namespace n on n.oid = c.relnamespace
            join pg_type t on t.oid = a.atttypid
            left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
            left join pg_depend sd on a.attidentity <> '' and sd.refclassid = 'pg_class'::regclass
                 and sd.refobjid = c.oid and sd.refobjsubid = a.attnum and sd.classid = 'pg_class'::regclass
                 and sd.deptype = 'i'
            left join pg_sequence s on s.seqrelid = sd.objid
            where a.attnum > 0 and not a.attisdropped and""" + " " + MANAGED_TABLE + """
            order by 1, 2, a.attnum
            """;

    static final String CONSTRAINTS = """
            select n.nspname as schema_name, c.relname as table_name, con.conname, con.contype,
                   pg_get_constraintdef(con.oid) as definition,
                   coalesce((select array_agg(a.attname::text order by k.ord)
                             from unnest(con.conkey) with ordinality k(attnum, ord)
                             join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum), '{}') as columns,
                   fn.nspname as references_schema, fc.relname as references_table
            from pg_constraint con
            join pg_class c on c.oid = con.conrelid
            join pg_namespace n on n.oid = c.relnamespace
            left join pg_class fc on fc.oid = con.confrelid
            left join pg_namespace fn on fn.oid = fc.relnamespace
            where con.contype in ('p', 'u', 'c', 'f', 'x') and""" + " " + MANAGED_TABLE + """
            order by 1, 2, 3
            """;

    static final String INDEXES = """
            select n.nspname as schema_name, c.relname as table_name, i.relname as index_name,
                   pg_get_indexdef(i.oid) as definition, ix.indisunique
            from pg_index ix
            join pg_class i on i.oid = ix.indexrelid
            join pg_class c on c.oid = ix.indrelid
            join pg_namespace n on n.oid = c.relnamespace
            where""" + " " + MANAGED_TABLE + """
              and not exists (select 1 from pg_constraint con where con.conindid = ix.indexrelid
                              and con.conrelid = ix.indrelid and con.contype in ('p', 'u', 'x'))
            order by 1, 2, 3
            """;
}
