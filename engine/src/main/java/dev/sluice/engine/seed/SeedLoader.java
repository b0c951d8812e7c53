package dev.sluice.engine.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.materialize.Relations;
import dev.sluice.engine.project.Project;
import dev.sluice.engine.project.Yaml;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.dialect.ColumnDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads {@code seeds/*.csv} into tables named after the files. Column types are inferred from the
 * cells, or declared in a yml file next to the seeds ({@code seeds: [{name, column_types: {col: TYPE}}]}).
 * A seed is loaded into a build table and swapped in, so a bad file never leaves a half-written table.
 *
 * <p>Thread-safe (stateless).
 */
public final class SeedLoader {
    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    /** One seed's result. */
    public record SeedResult(String seed, RelationName table, long rows, Map<String, String> columnTypes) {}

    /** @throws SluiceException naming the file, line and column of a cell that does not fit its declared type */
    public List<SeedResult> load(Project project, Warehouse warehouse, String schema) {
        Map<String, Map<String, String>> declared = declaredTypes(project);
        List<SeedResult> results = new ArrayList<>();
        try (WarehouseSession session = warehouse.openSession()) {
            session.createSchema(schema);
            for (Path file : project.seedFiles()) {
                results.add(loadOne(project, session, warehouse, file, schema, declared));
            }
        }
        return results;
    }

    private SeedResult loadOne(Project project, WarehouseSession session, Warehouse warehouse, Path file, String schema,
            Map<String, Map<String, String>> declared) {
        String displayName = project.relative(file);
        String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
        List<String[]> lines = read(file, displayName);
        if (lines.isEmpty()) {
            throw new SluiceException(ErrorCode.SEED, displayName + ": empty file; a seed needs a header line");
        }
        String[] header = lines.get(0);
        List<String[]> body = lines.subList(1, lines.size());
        Map<String, String> declaredColumns = declared.getOrDefault(name, Map.of());
        SeedType[] types = new SeedType[header.length];
        for (int column = 0; column < header.length; column++) {
            String declaredType = declaredColumns.get(header[column]);
            types[column] = declaredType != null ? SeedType.ofDeclared(declaredType) : infer(body, column);
        }
        Map<String, String> columnTypes = new LinkedHashMap<>();
        for (int column = 0; column < header.length; column++) {
            String declaredType = declaredColumns.get(header[column]);
            columnTypes.put(header[column], declaredType != null ? declaredType : session.sqlDialect().typeName(types[column].logicalType()));
        }
        String[] typeNames = columnTypes.values().toArray(String[]::new);
        List<List<Object>> rows = new ArrayList<>(body.size());
        for (int index = 0; index < body.size(); index++) {
            rows.add(convert(body.get(index), header, types, typeNames, displayName, index + 2));
        }
        RelationName table = new RelationName(schema, name);
        RelationName built = table.withSuffix(Relations.BUILD_SUFFIX);
        Relations.drop(session, built);
        session.execute(session.sqlDialect().createTable(built, columnTypes.entrySet().stream()
                .map(entry -> new ColumnDefinition(entry.getKey(), entry.getValue())).toList()));
        try {
            session.append(built, rows.iterator());
            Relations.swap(session, built, table, warehouse.capabilities());
        } catch (RuntimeException e) {
            Relations.drop(session, built);
            throw new SluiceException(ErrorCode.SEED, displayName + ": " + e.getMessage(), e);
        }
        return new SeedResult(name, table, rows.size(), columnTypes);
    }

    private static SeedType infer(List<String[]> body, int column) {
        for (SeedType candidate : List.of(SeedType.BOOLEAN, SeedType.BIGINT, SeedType.DOUBLE, SeedType.DATE,
                SeedType.TIMESTAMP)) {
            boolean fits = true;
            boolean any = false;
            for (String[] line : body) {
                String cell = column < line.length ? line[column] : "";
                if (cell.isEmpty()) {
                    continue;
                }
                any = true;
                try {
                    candidate.read(cell);
                } catch (RuntimeException e) {
                    fits = false;
                    break;
                }
            }
            if (fits && any) {
                return candidate;
            }
        }
        return SeedType.VARCHAR;
    }

    private static List<Object> convert(String[] line, String[] header, SeedType[] types, String[] typeNames, String file,
            int lineNumber) {
        if (line.length != header.length) {
            throw new SluiceException(ErrorCode.SEED, file + ":" + lineNumber + ": has " + line.length
                    + " cells, the header has " + header.length);
        }
        List<Object> row = new ArrayList<>(line.length);
        for (int column = 0; column < line.length; column++) {
            String cell = line[column];
            try {
                row.add(cell.isEmpty() ? null : types[column].read(cell));
            } catch (RuntimeException e) {
                throw new SluiceException(ErrorCode.SEED, file + ":" + lineNumber + ": column \"" + header[column]
                        + "\": \"" + cell + "\" does not fit type " + typeNames[column]);
            }
        }
        return row;
    }

    private static List<String[]> read(Path file, String displayName) {
        try (MappingIterator<String[]> iterator = CSV.readerFor(String[].class).readValues(file.toFile())) {
            List<String[]> lines = new ArrayList<>();
            while (iterator.hasNext()) {
                String[] line = iterator.next();
                if (!(line.length == 1 && line[0].isEmpty())) {
                    lines.add(line);
                }
            }
            return lines;
        } catch (IOException | RuntimeException e) {
            throw new SluiceException(ErrorCode.SEED, displayName + ": not a valid CSV file: " + e.getMessage(), e);
        }
    }

    /** Column types declared in {@code *.yml} files in the seed folders, by seed name then column. */
    private static Map<String, Map<String, String>> declaredTypes(Project project) {
        Map<String, Map<String, String>> declared = new LinkedHashMap<>();
        for (String seedPath : project.config().seedPaths()) {
            Path folder = project.directory().resolve(seedPath);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (var files = Files.list(folder)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".yml")).sorted().toList()) {
                    JsonNode root = Yaml.read(file, project.relative(file));
                    for (JsonNode seed : root.path("seeds")) {
                        Map<String, String> columns = new LinkedHashMap<>();
                        seed.path("column_types").fields().forEachRemaining(entry -> columns.put(entry.getKey(),
                                entry.getValue().asText()));
                        declared.put(seed.path("name").asText(), columns);
                    }
                }
            } catch (IOException e) {
                throw new SluiceException(ErrorCode.SEED, "cannot list " + folder + ": " + e.getMessage(), e);
            }
        }
        return declared;
    }
}
