package dev.sluice.engine.compile;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.sql.SqlCatalog;
import dev.sluice.engine.sql.postgres.PostgresTranslator;
import dev.sluice.spi.RelationName;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL: a recursive walk of each document's objects with {@code jsonb_each}, every leaf's kind from
 * {@code jsonb_typeof}, aggregated to (path, kind, rows) in one query. jsonb keeps a number as a
 * {@code numeric}, so an integer is told apart by its text: {@code 1.0} stays fractional as in DuckDB, but
 * {@code 1e2} is stored as {@code 100} and counts as a whole number where DuckDB, which reads exponents as
 * doubles, says DOUBLE. Stateless and thread-safe.
 */
final class PostgresJsonLeaves implements JsonLeaves {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> KEYS = new TypeReference<>() {};

    @Override
    public void tally(WarehouseAccess warehouse, Map<String, List<String>> memo, SqlCatalog catalog,
            RelationName relation, String column, String where, FieldTypes tally) {
        String source = JsonLeaves.sourceQuery(new PostgresTranslator()::translate, "PostgreSQL", catalog, relation,
                column, where);
        String sql = query(source);
        JsonLeaves.tallyRows(memo.computeIfAbsent(sql, warehouse::strings), PostgresJsonLeaves::keys, tally);
    }

    /** The walk over the documents of {@code source}; each row is {@code "<rows> <kind> <path as a JSON array>"}. */
    static String query(String source) {
        // jsonb_each fails on anything but an object, and a lateral call runs before WHERE: others walk as '{}'.
        return "with recursive sluice_documents(document) as (\n"
                + "    select cast(" + DOCUMENT + " as jsonb) from (\n" + source + "\n) as sluice_source\n"
                + "), sluice_fields(path, value) as (\n"
                + "    select array[field.key], field.value from sluice_documents, jsonb_each(case when"
                + " jsonb_typeof(document) = 'object' then document else '{}' end) as field\n"
                + "    union all\n"
                + "    select sluice_fields.path || field.key, field.value from sluice_fields, jsonb_each(case when"
                + " jsonb_typeof(sluice_fields.value) = 'object' then sluice_fields.value else '{}' end) as field\n"
                + ")\n"
                + "select count(*) || ' ' || kind || ' ' || cast(to_jsonb(path) as text) from (\n"
                + "    select path, case jsonb_typeof(value)\n"
                + "        when 'object' then case when value = '{}' then 'VARCHAR' end\n"
                + "        when 'array' then 'JSON'\n"
                + "        when 'string' then 'VARCHAR'\n"
                + "        when 'boolean' then 'BOOLEAN'\n"
                + "        when 'null' then 'NULL'\n"
                + "        when 'number' then case when value #>> '{}' ~ '^-?[0-9]+$' and cast(value #>> '{}' as numeric)"
                + " between -9223372036854775808 and 18446744073709551615 then 'BIGINT' else 'DOUBLE' end\n"
                + "    end as kind from sluice_fields\n"
                + ") as leaves where kind is not null group by path, kind";
    }

    private static List<String> keys(String path) {
        try {
            return JSON.readValue(path, KEYS);
        } catch (IOException e) {
            throw new SluiceException(ErrorCode.TEMPLATE, "json_fields: cannot read the path " + path, e);
        }
    }
}
