package dev.sluice.server.console;

import dev.sluice.engine.template.HardenedConfiguration;
import freemarker.cache.ClassTemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.TemplateException;
import freemarker.ext.beans.BeansWrapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/**
 * The console's Freemarker, hardened like the engine's template engine: templates cannot create Java
 * objects ({@code ?new}) or reach the Java API ({@code ?api}), the data model exposes no Java methods
 * (pages get maps, lists, strings and numbers), numbers print as {@code 1000}, and every
 * {@code ${...}} is HTML-escaped. Templates live on the class path under {@code sluice/console/}.
 * The only class in the server that imports Freemarker.
 *
 * <p>Thread-safe once built: Freemarker's configuration and cached templates are.
 */
final class ConsoleTemplates {
    private final Configuration configuration;

    ConsoleTemplates() {
        // Sluice's hardened settings (no ?new, no ?api, computer number format, UTC, ...), plus HTML.
        configuration = HardenedConfiguration.create();
        configuration.setTemplateLoader(new ClassTemplateLoader(ConsoleTemplates.class, "/sluice/console"));
        configuration.setOutputFormat(HTMLOutputFormat.INSTANCE);
        configuration.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
        DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_35);
        wrapper.setExposureLevel(BeansWrapper.EXPOSE_NOTHING);
        configuration.setObjectWrapper(wrapper.build());
    }

    /** Renders {@code sluice/console/<name>} with {@code model}. */
    String render(String name, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        try {
            configuration.getTemplate(name).process(model, out);
        } catch (IOException | TemplateException e) {
            throw new IllegalStateException("console page " + name + " failed to render: " + e.getMessage(), e);
        }
        return out.toString();
    }
}
