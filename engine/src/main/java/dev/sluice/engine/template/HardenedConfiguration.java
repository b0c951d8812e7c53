package dev.sluice.engine.template;

import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.TemplateExceptionHandler;
import java.util.Locale;
import java.util.TimeZone;

/**
 * The Freemarker settings every Sluice template runs with: numbers print as {@code 1000} not
 * {@code 1,000}, booleans as {@code true}, templates cannot create Java objects ({@code ?new}) or
 * reach the Java API ({@code ?api}), errors are thrown to the caller (never printed into the output),
 * and nothing depends on the machine's locale or time zone.
 */
public final class HardenedConfiguration {
    private HardenedConfiguration() {}

    /** A new configuration; the caller adds its template loader and anything specific to its use. */
    public static Configuration create() {
        Configuration configuration = new Configuration(Configuration.VERSION_2_3_35);
        configuration.setNumberFormat("computer");
        configuration.setBooleanFormat("c");
        configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        configuration.setAPIBuiltinEnabled(false);
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        configuration.setLocale(Locale.ROOT);
        configuration.setTimeZone(TimeZone.getTimeZone("UTC"));
        configuration.setLocalizedLookup(false);
        return configuration;
    }
}
