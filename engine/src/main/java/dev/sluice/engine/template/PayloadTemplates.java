package dev.sluice.engine.template;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.JSONCFormat;
import freemarker.core.ParseException;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateNotFoundException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Freemarker for reverse-ETL payload templates, hardened like {@link TemplateEngine}: numbers print
 * as {@code 1000}, {@code ?c} writes JSON literals, templates cannot create Java objects or reach the
 * Java API. A template path is looked up in the project's {@code templates/} folder first, then in
 * Sluice's shipped {@code templates/} (where {@code destinations/*.ftl} live).
 *
 * <p>Thread-safe once built: parse and render from any thread.
 */
public final class PayloadTemplates {
    private final Configuration configuration;

    /** @param projectTemplates the project's {@code templates/} folder; it need not exist */
    public PayloadTemplates(Path projectTemplates) {
        configuration = HardenedConfiguration.create();
        configuration.setCFormat(JSONCFormat.INSTANCE);
        List<TemplateLoader> loaders = new ArrayList<>();
        if (Files.isDirectory(projectTemplates)) {
            loaders.add(new FolderTemplateLoader(projectTemplates));
        }
        loaders.add(new ClassTemplateLoader(PayloadTemplates.class, "/sluice/templates"));
        configuration.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new)));
    }

    /**
     * Loads and parses a template.
     *
     * @param where names the sync file and field for errors, for example {@code syncs/crm.yml: template}
     * @throws SluiceException when the template does not exist or has a syntax error (with its line)
     */
    public PayloadTemplate parse(String path, String where) {
        try {
            return new PayloadTemplate(path, configuration.getTemplate(path));
        } catch (TemplateNotFoundException e) {
            throw new SluiceException(ErrorCode.TEMPLATE, where + ": no template \"" + path
                    + "\" in the project's templates/ folder or among Sluice's templates (destinations/...)");
        } catch (FolderTemplateLoader.OutsideFolderException e) {
            throw new SluiceException(ErrorCode.TEMPLATE, where + ": " + e.getMessage());
        } catch (ParseException e) {
            throw new SluiceException(ErrorCode.TEMPLATE, where + ": " + path + ":" + e.getLineNumber() + ":"
                    + e.getColumnNumber() + ": template syntax: " + e.getEditorMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Renders a template for one row.
     *
     * @param data the template's variables; {@code null} values are missing to the template
     * @param where names the sync and row for errors, for example {@code syncs/crm.yml: row user_id=u1}
     * @throws SluiceException naming the template's line and column
     */
    public String render(PayloadTemplate template, Map<String, Object> data, String where) {
        StringWriter out = new StringWriter(256);
        try {
            template.template.process(data, out);
        } catch (TemplateException e) {
            String message = e.getMessageWithoutStackTop().strip();
            int tip = message.indexOf("\n----");
            throw new SluiceException(ErrorCode.TEMPLATE, where + ": " + template.path + ":" + e.getLineNumber()
                    + ":" + e.getColumnNumber() + ": " + (tip > 0 ? message.substring(0, tip) : message)
                            .replace("\n", " ").replaceAll(" +", " "), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A parsed payload template. Immutable and thread-safe. */
    public static final class PayloadTemplate {
        private final String path;
        private final Template template;

        private PayloadTemplate(String path, Template template) {
            this.path = path;
            this.template = template;
        }

        public String path() {
            return path;
        }

        /** The template's text, for a fingerprint that changes when the template does. */
        public String source() {
            return template.toString();
        }
    }
}
