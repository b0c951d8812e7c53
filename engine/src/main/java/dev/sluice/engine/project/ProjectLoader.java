package dev.sluice.engine.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.project.ModelDoc.ColumnDoc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Reads a project folder: {@code sluice.yml}, models, their docs, macro and seed folders. Thread-safe. */
public final class ProjectLoader {
    private final ProjectConfigReader configReader;

    public ProjectLoader(EnvironmentInterpolator interpolator) {
        this.configReader = new ProjectConfigReader(interpolator);
    }

    public ProjectLoader() {
        this(EnvironmentInterpolator.system());
    }

    /** @throws SluiceException for a bad {@code sluice.yml}, two models with one name, or unreadable files */
    public Project load(Path directory) {
        Path projectDirectory = directory.toAbsolutePath().normalize();
        ProjectConfig config = configReader.read(projectDirectory);
        Map<String, ModelFile> models = new LinkedHashMap<>();
        Map<String, ModelFile> byFoldedName = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        Map<String, ModelDoc> docs = new LinkedHashMap<>();
        List<UnitTestSpec> unitTests = new ArrayList<>();
        for (String modelPath : config.modelPaths()) {
            for (Path file : files(projectDirectory.resolve(modelPath), ".sql")) {
                ModelFile model = new ModelFile(stem(file), relative(projectDirectory, file),
                        read(projectDirectory, file));
                ModelFile previous = models.putIfAbsent(model.name(), model);
                if (previous != null) {
                    throw new SluiceException(ErrorCode.DUPLICATE_MODEL, "two models are named \"" + model.name()
                            + "\": " + previous.path() + " and " + model.path() + "; a model's name is its file name,"
                            + " so rename one of them");
                }
                ModelFile sameButCase = byFoldedName.putIfAbsent(model.name().toLowerCase(Locale.ROOT), model);
                if (sameButCase != null && sameButCase != model) {
                    throw new SluiceException(ErrorCode.DUPLICATE_MODEL, "two models' names differ only in case: "
                            + sameButCase.path() + " and " + model.path() + "; warehouses fold unquoted names to one"
                            + " case, so both would build one relation: rename one of them");
                }
            }
            for (Path file : files(projectDirectory.resolve(modelPath), ".yml")) {
                readDocs(Yaml.read(file, relative(projectDirectory, file)), relative(projectDirectory, file), docs,
                        unitTests);
            }
        }
        for (String packageName : config.packages()) {
            config = addPackage(packageName, config, models, docs, unitTests);
        }
        docs.keySet().stream().filter(name -> !models.containsKey(name)).findFirst().ifPresent(name -> {
            // Its tests would never run: an error, not a warning.
            throw new SluiceException(ErrorCode.PROJECT_CONFIG, docs.get(name).file() + ": documents model \"" + name
                    + "\", which does not exist" + dev.sluice.engine.Names.didYouMean(name, models.keySet()));
        });
        List<Path> macroDirectories = config.macroPaths().stream().map(projectDirectory::resolve)
                .filter(Files::isDirectory).toList();
        List<Path> seedFiles = new ArrayList<>();
        for (String seedPath : config.seedPaths()) {
            seedFiles.addAll(files(projectDirectory.resolve(seedPath), ".csv"));
        }
        List<ModelFile> tests = new ArrayList<>();
        for (Path file : files(projectDirectory.resolve("tests"), ".sql")) {
            tests.add(new ModelFile(stem(file), relative(projectDirectory, file), read(projectDirectory, file)));
        }
        unitTests.stream().filter(test -> !models.containsKey(test.model())).findFirst().ifPresent(test -> {
            throw new SluiceException(ErrorCode.PROJECT_CONFIG, test.file() + ": unit test " + test.name()
                    + " is about model \"" + test.model() + "\", which does not exist"
                    + dev.sluice.engine.Names.didYouMean(test.model(), models.keySet()));
        });
        return new Project(projectDirectory, config, List.copyOf(models.values()), docs, macroDirectories,
                seedFiles, tests, unitTests, warnings);
    }

    /**
     * Adds a standard package's models (a project model of the same name replaces the package's), its
     * docs and tests, and the sources its models read unless the project declares them itself.
     */
    private static ProjectConfig addPackage(String packageName, ProjectConfig config, Map<String, ModelFile> models,
            Map<String, ModelDoc> docs, List<UnitTestSpec> unitTests) {
        Map<String, SourceConfig> sources = new LinkedHashMap<>(config.sources());
        for (String file : ModelLibrary.files(packageName)) {
            String path = "sluice:models/" + packageName + "/" + file;
            String text = ModelLibrary.read(packageName, file);
            if (file.endsWith(".sql")) {
                String name = file.substring(file.lastIndexOf('/') + 1, file.length() - ".sql".length());
                models.putIfAbsent(name, new ModelFile(name, path, text));
            } else if (file.endsWith("sources.yml")) {
                new SourcesReader((value, field) -> value).read(Yaml.parse(text, path).path("sources"))
                        .forEach(sources::putIfAbsent);
            } else if (file.endsWith(".yml")) {
                Map<String, ModelDoc> packageDocs = new LinkedHashMap<>();
                readDocs(Yaml.parse(text, path), path, packageDocs, unitTests);
                packageDocs.forEach(docs::putIfAbsent);
            }
        }
        return config.withSources(sources);
    }

    /** What a models yml file, a model entry and a column entry may hold; anything else is a typo to report. */
    private static final Set<String> YML_KEYS = Set.of("version", "models", "unit_tests");
    private static final Set<String> MODEL_KEYS = Set.of("name", "description", "columns", "tests", "data_tests",
            "meta");
    private static final Set<String> COLUMN_KEYS = Set.of("name", "description", "tests", "data_tests", "data_type",
            "meta");

    private static void readDocs(JsonNode root, String displayName, Map<String, ModelDoc> docs,
            List<UnitTestSpec> unitTests) {
        checkKeys(root, YML_KEYS, displayName, "");
        for (JsonNode test : root.path("unit_tests")) {
            unitTests.add(UnitTestSpecs.read(test, displayName));
        }
        for (JsonNode model : root.path("models")) {
            String name = model.path("name").asText(null);
            if (name == null) {
                throw new SluiceException(ErrorCode.PROJECT_CONFIG, displayName + ": a models entry has no name");
            }
            checkKeys(model, MODEL_KEYS, displayName, "model " + name + ": ");
            List<ColumnDoc> columns = new ArrayList<>();
            List<DeclaredTest> tests = new ArrayList<>(DeclaredTests.read(model, null, displayName));
            for (JsonNode column : model.path("columns")) {
                checkKeys(column, COLUMN_KEYS, displayName, "model " + name + ", column "
                        + column.path("name").asText("?") + ": ");
                columns.add(new ColumnDoc(column.path("name").asText(), column.path("description").asText(null)));
                tests.addAll(DeclaredTests.read(column, column.path("name").asText(), displayName));
            }
            docs.put(name, new ModelDoc(name, model.path("description").asText(null), columns, tests, displayName));
        }
    }

    /** A key Sluice does not read would be ignored without a word (a {@code test:} whose tests never run). */
    private static void checkKeys(JsonNode node, Set<String> known, String displayName, String where) {
        if (!node.isObject()) {
            return;
        }
        node.fieldNames().forEachRemaining(key -> {
            if (known.contains(key)) {
                return;
            }
            String hint = switch (key) {
                case "sources" -> "; sources are declared in sluice.yml";
                case "config" -> "; a model's config is written in the model, as <@config materialized=\"table\" />";
                default -> dev.sluice.engine.Names.didYouMean(key, known);
            };
            throw new SluiceException(ErrorCode.PROJECT_CONFIG, displayName + ": " + where + "unknown key \"" + key
                    + "\"" + hint);
        });
    }

    static List<Path> files(Path folder, String extension) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(path -> path.getFileName().toString().endsWith(extension))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path projectDirectory, Path file) {
        return ProjectFiles.readText(file, relative(projectDirectory, file));
    }

    private static String stem(Path file) {
        String fileName = file.getFileName().toString();
        return fileName.substring(0, fileName.lastIndexOf('.'));
    }

    private static String relative(Path projectDirectory, Path file) {
        return projectDirectory.relativize(file).toString().replace('\\', '/');
    }
}
