package dev.sluice.spi;

import static java.util.Objects.requireNonNull;

/**
 * The name of a table or view in a warehouse: a schema and a relation name, both as written by
 * the user (case preserved). Quoting is the warehouse's business, see {@link Warehouse#quote(RelationName)}.
 */
public record RelationName(String schema, String name) {
    public RelationName {
        requireNonNull(schema, "schema is null");
        requireNonNull(name, "name is null");
        if (schema.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException("relation name parts must not be blank: " + schema + "." + name);
        }
    }

    /** A name with {@code suffix} appended to the relation part, in the same schema. */
    public RelationName withSuffix(String suffix) {
        return new RelationName(schema, name + suffix);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
