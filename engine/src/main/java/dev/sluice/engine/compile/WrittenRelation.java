package dev.sluice.engine.compile;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A relation written in YAML the way a model writes it in SQL: {@code ref("model")} or
 * {@code source("name", "table")} (single or double quotes). Exactly one of the fields is set.
 */
public record WrittenRelation(String model, SourceRef source) {
    private static final Pattern REF = Pattern.compile("\\s*ref\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)\\s*");
    private static final Pattern SOURCE = Pattern.compile(
            "\\s*source\\(\\s*['\"]([^'\"]+)['\"]\\s*,\\s*['\"]([^'\"]+)['\"]\\s*\\)\\s*");

    /** Parses the text, or empty when it is neither form. */
    public static Optional<WrittenRelation> parse(String text) {
        Matcher ref = REF.matcher(text);
        if (ref.matches()) {
            return Optional.of(new WrittenRelation(ref.group(1), null));
        }
        Matcher source = SOURCE.matcher(text);
        if (source.matches()) {
            return Optional.of(new WrittenRelation(null, new SourceRef(source.group(1), source.group(2))));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return model != null ? "ref(\"" + model + "\")" : source.toString();
    }
}
