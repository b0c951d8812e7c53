package dev.sluice.engine.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The catalog of a small customer-data project, shared by the SQL tests: RudderStack sources in
 * schema {@code rudder}, models in the default schema {@code main}.
 */
public final class ShopCatalog {
    private ShopCatalog() {}

    public static SqlCatalog create() {
        SqlCatalog catalog = new SqlCatalog("main");
        catalog.put(source("tracks", "id VARCHAR NOT NULL", "anonymous_id VARCHAR", "user_id VARCHAR",
                "event VARCHAR", "properties JSON", "context_page_url VARCHAR", "received_at TIMESTAMP NOT NULL",
                "timestamp TIMESTAMP WITH TIME ZONE"));
        catalog.put(source("identifies", "id VARCHAR NOT NULL", "anonymous_id VARCHAR", "user_id VARCHAR",
                "email VARCHAR", "traits JSON", "received_at TIMESTAMP NOT NULL"));
        catalog.put(source("pages", "id VARCHAR NOT NULL", "anonymous_id VARCHAR", "user_id VARCHAR",
                "url VARCHAR", "referrer VARCHAR", "received_at TIMESTAMP NOT NULL"));
        catalog.put(model("orders", "order_id BIGINT NOT NULL", "user_id VARCHAR", "amount DECIMAL(12,2)",
                "status VARCHAR", "created_at TIMESTAMP", "coupon VARCHAR", "item_count INTEGER",
                "tags VARCHAR[]"));
        catalog.put(model("users", "user_id VARCHAR NOT NULL", "email VARCHAR", "country VARCHAR",
                "signed_up_at TIMESTAMP", "is_active BOOLEAN", "lifetime_value DOUBLE"));
        catalog.put(model("identity_graph", "anonymous_id VARCHAR NOT NULL", "user_id VARCHAR NOT NULL",
                "first_seen_at TIMESTAMP"));
        return catalog;
    }

    /** A column spec is {@code name TYPE [NOT NULL]}. */
    static SqlCatalog.Table model(String name, String... columns) {
        return new SqlCatalog.Table("main", name, "ref(\"" + name + "\")", columns(columns));
    }

    static SqlCatalog.Table source(String name, String... columns) {
        return new SqlCatalog.Table("rudder", name, "source(\"rudder\", \"" + name + "\")", columns(columns));
    }

    private static List<SqlCatalog.Column> columns(String... specs) {
        List<SqlCatalog.Column> columns = new ArrayList<>();
        for (String spec : specs) {
            boolean notNull = spec.endsWith(" NOT NULL");
            String withoutNull = notNull ? spec.substring(0, spec.length() - " NOT NULL".length()) : spec;
            int space = withoutNull.indexOf(' ');
            columns.add(new SqlCatalog.Column(withoutNull.substring(0, space), withoutNull.substring(space + 1), !notNull));
        }
        return columns;
    }
}
