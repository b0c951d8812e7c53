package dev.sluice.engine.sql;

import static org.apache.calcite.util.Static.RESOURCE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.Resources;

/**
 * Recognises Calcite's validator messages by shape, so the front end can rewrite them in Sluice's
 * words. The patterns are generated from Calcite's own message resources (formatted with marker
 * arguments), so they follow Calcite's wording instead of copying it.
 *
 * <p>Immutable and thread-safe.
 */
final class SqlMessages {
    /** What a recognised message is about; {@code arguments} are the quoted names, in message order. */
    enum Shape {
        /** argument: column name */
        COLUMN,
        /** arguments: column name, table alias as written */
        COLUMN_IN_TABLE,
        /** argument: table name as written (possibly dotted), in a FROM clause */
        TABLE,
        /** argument: the qualifier of a column reference ({@code x} in {@code x.email}) */
        QUALIFIER,
        /** arguments: table name, schema name */
        TABLE_IN_SCHEMA,
        /** argument: column name */
        AMBIGUOUS_COLUMN,
        /** argument: the call's signature, for example {@code foo(<NUMERIC>)} */
        UNKNOWN_FUNCTION
    }

    record Recognised(Shape shape, List<String> arguments) {}

    private record Template(Shape shape, Pattern pattern) {}

    private static final String MARKER = "\u0001";
    private static final List<Template> TEMPLATES = List.of(
            template(Shape.COLUMN_IN_TABLE, m -> RESOURCE.columnNotFoundInTableDidYouMean(m, m, m)),
            template(Shape.COLUMN_IN_TABLE, m -> RESOURCE.columnNotFoundInTable(m, m)),
            template(Shape.COLUMN, m -> RESOURCE.columnNotFoundDidYouMean(m, m)),
            template(Shape.COLUMN, m -> RESOURCE.columnNotFound(m)),
            template(Shape.COLUMN, m -> RESOURCE.unknownIdentifier(m)),
            template(Shape.TABLE_IN_SCHEMA, m -> RESOURCE.objectNotFoundWithinDidYouMean(m, m, m)),
            template(Shape.TABLE_IN_SCHEMA, m -> RESOURCE.objectNotFoundWithin(m, m)),
            template(Shape.TABLE, m -> RESOURCE.objectNotFoundDidYouMean(m, m)),
            template(Shape.TABLE, m -> RESOURCE.objectNotFound(m)),
            template(Shape.QUALIFIER, m -> RESOURCE.tableNameNotFoundDidYouMean(m, m)),
            template(Shape.QUALIFIER, m -> RESOURCE.tableNameNotFound(m)),
            template(Shape.AMBIGUOUS_COLUMN, m -> RESOURCE.columnAmbiguous(m)),
            template(Shape.UNKNOWN_FUNCTION, m -> RESOURCE.validatorUnknownFunction(m)));

    private SqlMessages() {}

    /** Recognises a validator message (without Calcite's "From line 1, column 8 ..." prefix). */
    static Optional<Recognised> recognise(String message) {
        for (Template template : TEMPLATES) {
            Matcher matcher = template.pattern().matcher(message);
            if (matcher.matches()) {
                List<String> arguments = new ArrayList<>();
                for (int group = 1; group <= matcher.groupCount(); group++) {
                    arguments.add(matcher.group(group));
                }
                return Optional.of(new Recognised(template.shape(), arguments));
            }
        }
        return Optional.empty();
    }

    /** Calcite's message as a clause in a Sluice message: no position prefix, lower-case start. */
    static String friendly(String message) {
        // One line: the caller prefixes file:line:column, and Calcite lists supported forms on new lines.
        String text = message == null || message.isBlank() ? "invalid query"
                : message.strip().replaceAll("\\s*\n\\s*", " ");
        if (text.length() > 1 && Character.isUpperCase(text.charAt(0)) && Character.isLowerCase(text.charAt(1))) {
            text = Character.toLowerCase(text.charAt(0)) + text.substring(1);
        }
        return text;
    }

    private static Template template(Shape shape, Function<String, Resources.ExInst<?>> resource) {
        String sample = resource.apply(MARKER).ex().getMessage();
        StringBuilder regex = new StringBuilder();
        int start = 0;
        for (int marker = sample.indexOf(MARKER); marker >= 0; marker = sample.indexOf(MARKER, start)) {
            regex.append(Pattern.quote(sample.substring(start, marker))).append("(.*?)");
            start = marker + MARKER.length();
        }
        regex.append(Pattern.quote(sample.substring(start)));
        return new Template(shape, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }
}
