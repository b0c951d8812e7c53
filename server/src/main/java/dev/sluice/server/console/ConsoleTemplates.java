package dev.sluice.server.console;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.ext.beans.BeansWrapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

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
        configuration = new Configuration(Configuration.VERSION_2_3_35);
        configuration.setTemplateLoader(new ClassTemplateLoader(ConsoleTemplates.class, "/sluice/console"));
        configuration.setOutputFormat(HTMLOutputFormat.INSTANCE);
        configuration.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
        configuration.setNumberFormat("computer");
        configuration.setBooleanFormat("c");
        configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        configuration.setAPIBuiltinEnabled(false);
        DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_35);
        wrapper.setExposureLevel(BeansWrapper.EXPOSE_NOTHING);
        configuration.setObjectWrapper(wrapper.build());
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        configuration.setLocale(Locale.ROOT);
        configuration.setTimeZone(TimeZone.getTimeZone("UTC"));
        configuration.setLocalizedLookup(false);
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
