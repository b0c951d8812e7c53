package dev.sluice.snowflake;

import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseFactory;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens {@link SnowflakeWarehouse}s for targets of {@code type: snowflake}; settings in
 * {@link SnowflakeSettings}. Opening logs in once, so a wrong setting fails here, naming it.
 *
 * <p>Thread-safe and stateless.
 */
public final class SnowflakeWarehouseFactory implements WarehouseFactory {
    public static final String TYPE = "snowflake";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public java.util.Set<String> settingNames() {
        return SnowflakeSettings.NAMES;
    }

    @Override
    public Warehouse open(Map<String, String> settings) {
        SnowflakeSettings snowflake = SnowflakeSettings.from(settings);
        String project = settings.get("projectName");
        if (project == null && settings.get("projectDirectory") != null) {
            Path directory = Path.of(settings.get("projectDirectory")).toAbsolutePath().normalize().getFileName();
            project = directory == null ? null : directory.toString();
        }
        SnowflakeWarehouse warehouse = new SnowflakeWarehouse(snowflake, project);
        try (var session = warehouse.openSession()) {
            session.createSchema(snowflake.schema());
        }
        return warehouse;
    }
}
