package dev.sluice.engine.template;

import dev.sluice.engine.Diagnostic;
import dev.sluice.engine.Diagnostic.Severity;
import dev.sluice.engine.DiagnosticException;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.project.ModelFile;
import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.StringTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.ParseException;
import freemarker.template.Configuration;
import freemarker.template.SimpleHash;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Freemarker, hardened and set up for SQL: numbers print as {@code 1000} not {@code 1,000},
 * templates cannot create Java objects ({@code ?new}) or reach the Java API ({@code ?api}), and
 * white-space is kept so that a rendered model's lines line up with its file's lines (errors then
 * point at the right line). Macros from Sluice's {@code templates/macros/} and the project's macro
 * folders are visible in every model.
 *
 * <p>Thread-safe once built: parse and render from any thread.
 */
public final class TemplateEngine {
    /** Sluice's own macro files, on the class path under {@code sluice/templates/macros/}. */
    private static final List<String> SHIPPED_MACROS = List.of("sluice.ftl", "identity.ftl", "audiences.ftl", "consent.ftl");
    private static final String MACROS_TEMPLATE = "__sluice_macros__.ftl";
    private static final int REUSED_ENGINES = 16;
    /** Engines by macro folders and the macro files in them, most recently used last. Guarded by itself. */
    private static final Map<List<Object>, TemplateEngine> ENGINES = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, TemplateEngine> eldest) {
            return size() > REUSED_ENGINES;
        }
    };
    private static final int KEPT_TEMPLATES = 20_000;
    private final Configuration configuration;
    /**
     * Parsed model templates by file (name, path and text), least recently used dropped first; shared
     * with the engines {@link #withFamilies} makes. Guarded by itself.
     */
    private final Map<ModelFile, ModelTemplate> parsed;
    /** Family members by their file's path and model name; see {@link #withFamilies}. */
    private final Map<String, FamilyMember> members;
    private final Map<String, List<FamilyMember>> families;
    /** The project macro files' modification times and sizes when last checked. Guarded by {@link #configuration}. */
    private List<Long> macroStamps = List.of();

    /** @param macroDirectories the project's macro folders; every {@code *.ftl} in them is loaded */
    public TemplateEngine(List<Path> macroDirectories) {
        this(macroDirectories, macroFiles(macroDirectories));
    }

    /**
     * An engine for these macro folders, shared with earlier compiles of the same project while the set
     * of macro files stays the same. Sharing keeps Freemarker's parsed macro files: parsing them again
     * was a fifth of a small project's compile. An edited macro file is still seen at once (the macro
     * files' modification times and sizes are read on every call, and a change empties the engine's
     * cache of parsed macro files); an added or removed one gives a new engine.
     */
    public static TemplateEngine forMacroDirectories(List<Path> macroDirectories) {
        Map<Path, List<String>> files = macroFiles(macroDirectories);
        List<Object> key = List.of(List.copyOf(macroDirectories), files);
        List<Long> stamps = stamps(files);
        TemplateEngine engine;
        synchronized (ENGINES) {
            engine = ENGINES.computeIfAbsent(key, ignored -> new TemplateEngine(macroDirectories, files));
        }
        engine.macrosAsOf(stamps);
        return engine;
    }

    /** Forgets the parsed macro files when any of them changed since the last call. */
    private void macrosAsOf(List<Long> stamps) {
        synchronized (configuration) {
            if (!stamps.equals(macroStamps)) {
                configuration.clearTemplateCache();
                macroStamps = stamps;
            }
        }
    }

    private TemplateEngine(List<Path> macroDirectories, Map<Path, List<String>> macroFiles) {
        configuration = HardenedConfiguration.create();
        configuration.setWhitespaceStripping(false);
        // Never look at a macro file's modification time while rendering: asking the class path on every
        // include of every render cost more than the render. forMacroDirectories() checks them once per compile.
        configuration.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);

        List<String> includes = new ArrayList<>();
        List<TemplateLoader> loaders = new ArrayList<>();
        StringTemplateLoader generated = new StringTemplateLoader();
        loaders.add(generated);
        for (Path directory : macroDirectories) {
            loaders.add(new FolderTemplateLoader(directory));
            includes.addAll(macroFiles.get(directory));
        }
        loaders.add(new ClassTemplateLoader(TemplateEngine.class, "/sluice/templates/macros"));
        includes.addAll(SHIPPED_MACROS);
        configuration.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new)));

        // Including the macro files inside a captured assignment defines their macros for every model
        // while throwing away whatever text they print, so no blank lines shift the model's lines.
        StringBuilder wrapper = new StringBuilder("<#assign __sluice_discarded>");
        includes.forEach(file -> wrapper.append("<#include \"/").append(file).append("\">"));
        generated.putTemplate(MACROS_TEMPLATE, wrapper.append("</#assign>").toString());
        configuration.addAutoInclude(MACROS_TEMPLATE);
        parsed = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ModelFile, ModelTemplate> eldest) {
                return size() > KEPT_TEMPLATES;
            }
        };
        members = Map.of();
        families = Map.of();
    }

    private TemplateEngine(Configuration configuration, Map<ModelFile, ModelTemplate> parsed,
            Map<String, List<FamilyMember>> families) {
        this.configuration = configuration;
        this.parsed = parsed;
        this.families = Map.copyOf(families);
        Map<String, FamilyMember> byFile = new HashMap<>();
        this.families.values().forEach(list -> list.forEach(member -> byFile.put(member.family() + "\n"
                + member.name(), member)));
        this.members = Map.copyOf(byFile);
    }

    /**
     * This engine, sharing its macros, where a model file that stands for a family member renders
     * with {@code member} bound and the family's name added to its tags, and where
     * {@code family_members(name)} lists each family's members.
     *
     * @param families each family's members by family name (the declaring file's stem); a family
     *     whose file failed to expand maps to an empty list
     */
    public TemplateEngine withFamilies(Map<String, List<FamilyMember>> families) {
        return new TemplateEngine(configuration, parsed, families);
    }

    /**
     * Parses a model's template. The result may be rendered many times, from any thread. A file this
     * engine parsed before with the same text is not parsed again: a shared engine compiles an unchanged
     * project without re-parsing its models.
     *
     * @throws DiagnosticException for a template syntax error, with the line and column
     */
    public ModelTemplate parse(ModelFile model) {
        synchronized (parsed) {
            ModelTemplate earlier = parsed.get(model);
            if (earlier != null) {
                return earlier;
            }
        }
        ModelTemplate template = parseAfresh(model);
        synchronized (parsed) {
            parsed.put(model, template);
        }
        return template;
    }

    private ModelTemplate parseAfresh(ModelFile model) {
        try {
            return new ModelTemplate(model, new Template(model.path(), new StringReader(model.text()), configuration));
        } catch (ParseException e) {
            throw new DiagnosticException(diagnostic(model, e.getLineNumber(), e.getColumnNumber(),
                    "template syntax: " + e.getEditorMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Renders a parsed model with the given functions.
     *
     * @throws DiagnosticException naming the file, line and column of the failing expression
     */
    public RenderedModel render(ModelTemplate template, TemplateFunctions functions) {
        return render(template, functions, members.get(familyOf(template.model()) + "\n" + template.model().name()));
    }

    /**
     * Renders a parsed model with {@code member} bound to the given member ({@code null}: unbound).
     *
     * @throws DiagnosticException naming the file, line and column of the failing expression
     */
    public RenderedModel render(ModelTemplate template, TemplateFunctions functions, FamilyMember member) {
        ConfigDirective config = new ConfigDirective();
        FamilyDirective family = new FamilyDirective();
        SimpleHash data = TemplateGlobals.of(functions, config, family, member, families);
        StringWriter out = new StringWriter(template.model().text().length() + 64);
        try {
            template.template().process(data, out);
        } catch (TemplateException e) {
            throw translate(template.model(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RenderedModel(out.toString(), member == null ? config.parameters()
                : withTag(config.parameters(), member.family()), family.spec());
    }

    /** The family a model file would declare: its file stem (a member's model name differs from it). */
    public static String familyOf(ModelFile model) {
        String file = model.path().substring(model.path().lastIndexOf('/') + 1);
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    /** A member carries its family's name as a tag, so {@code tag:<family>} selects all of them. */
    private static Map<String, Object> withTag(Map<String, Object> parameters, String tag) {
        Map<String, Object> tagged = new LinkedHashMap<>(parameters);
        List<Object> tags = new ArrayList<>();
        if (parameters.get("tags") instanceof List<?> given) {
            tags.addAll(given);
        } else if (parameters.get("tags") != null) {
            return parameters; // not a list: leave it for the config check to report
        }
        if (!tags.contains(tag)) {
            tags.add(tag);
        }
        tagged.put("tags", tags);
        return tagged;
    }

    private static DiagnosticException translate(ModelFile model, TemplateException e) {
        int line = e.getLineNumber() == null ? 0 : e.getLineNumber();
        int column = e.getColumnNumber() == null ? 0 : e.getColumnNumber();
        if (!model.path().equals(e.getTemplateSourceName())) {
            // It failed inside a macro: point at the model's line that called it.
            Matcher call = Pattern.compile("\\[in template \"" + Pattern.quote(model.path())
                    + "\"[^\\]]*? at line (\\d+), column (\\d+)]").matcher(String.valueOf(e.getFTLInstructionStack()));
            if (call.find()) {
                line = Integer.parseInt(call.group(1));
                column = Integer.parseInt(call.group(2));
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SluiceException sluice) {
                return new DiagnosticException(new Diagnostic(Severity.ERROR, sluice.code(), model.path(), line, column,
                        sluice.getMessage(), Diagnostic.lineOf(model.text(), line)), e);
            }
        }
        String message = e.getMessageWithoutStackTop().strip();
        int tip = message.indexOf("\n----");
        return new DiagnosticException(diagnostic(model, line, column, (tip > 0 ? message.substring(0, tip) : message)
                .replace("\n", " ").replaceAll(" +", " ")), e);
    }

    private static Diagnostic diagnostic(ModelFile model, int line, int column, String message) {
        return new Diagnostic(Severity.ERROR, ErrorCode.TEMPLATE, model.path(), line, column, message,
                Diagnostic.lineOf(model.text(), line));
    }

    private static Map<Path, List<String>> macroFiles(List<Path> directories) {
        Map<Path, List<String>> files = new LinkedHashMap<>();
        directories.forEach(directory -> files.put(directory, macroFiles(directory)));
        return files;
    }

    private static List<Long> stamps(Map<Path, List<String>> files) {
        List<Long> stamps = new ArrayList<>();
        files.forEach((directory, names) -> names.forEach(name -> {
            try {
                Path file = directory.resolve(name);
                stamps.add(Files.getLastModifiedTime(file).toMillis());
                stamps.add(Files.size(file));
            } catch (IOException e) {
                stamps.add(-1L); // removed while listing: the next call lists it no more
            }
        }));
        return List.copyOf(stamps);
    }

    /** @throws SluiceException naming the file when a symbolic link puts one outside the folder */
    private static List<String> macroFiles(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            List<Path> files = walk.filter(path -> path.toString().endsWith(".ftl")).sorted().toList();
            files.forEach(file -> FolderTemplateLoader.checkInside(directory, file));
            return files.stream().map(path -> directory.relativize(path).toString().replace('\\', '/')).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A parsed model template. Immutable and thread-safe. */
    public record ModelTemplate(ModelFile model, Template template) {}
}
