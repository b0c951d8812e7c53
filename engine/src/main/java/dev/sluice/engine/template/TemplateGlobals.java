package dev.sluice.engine.template;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import freemarker.template.DefaultObjectWrapper;
import freemarker.template.SimpleHash;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The names a model template sees, bound to one render's {@link TemplateFunctions}. */
final class TemplateGlobals {
    private static final DefaultObjectWrapper WRAPPER = ConfigDirective.wrapper();

    private TemplateGlobals() {}

    /**
     * @param member what {@code member} names in a family's model, or {@code null} outside a family
     * @param families the members of each family of the project, for {@code family_members(name)}
     */
    static SimpleHash of(TemplateFunctions functions, ConfigDirective config, FamilyDirective family,
            FamilyMember member, Map<String, List<FamilyMember>> families) {
        SimpleHash data = new SimpleHash(WRAPPER);
        data.put("config", config);
        data.put("family", family);
        if (member != null) {
            data.put("member", member.asTemplateValue());
        }
        data.put("distinct_values", method("distinct_values", 2, 3, arguments -> functions.distinctValues(
                text(arguments, 0, "distinct_values"), text(arguments, 1, "distinct_values"),
                arguments.size() > 2 ? text(arguments, 2, "distinct_values") : "")));
        data.put("family_members", method("family_members", 1, 1, arguments -> {
            String name = text(arguments, 0, "family_members");
            List<FamilyMember> members = families.get(name);
            if (members == null) {
                throw new SluiceException(ErrorCode.TEMPLATE, "family_members(\"" + name + "\"): no model family named \""
                        + name + "\" (a family is a model file with <@family .../>)"
                        + dev.sluice.engine.Names.didYouMean(name, families.keySet()));
            }
            return members.stream().map(FamilyMember::asTemplateValue).toList();
        }));
        data.put("ref", method("ref", 1, 1, arguments -> functions.ref(text(arguments, 0, "ref"))));
        data.put("source", method("source", 2, 2,
                arguments -> functions.source(text(arguments, 0, "source"), text(arguments, 1, "source"))));
        data.put("var", method("var", 1, 2, arguments -> functions.var(text(arguments, 0, "var"),
                arguments.size() > 1 ? unwrap(arguments.get(1)) : null)));
        data.put("is_incremental", method("is_incremental", 0, 0, arguments -> functions.isIncremental()));
        // Lazy, so that the compiler learns whether the model really reads its own relation.
        data.put("this", (freemarker.template.TemplateScalarModel) functions::self);
        data.put("target", functions.target());
        // One expression per warehouse where no translation is proven: see WarehouseDispatch.
        data.put("dispatch", method("dispatch", 1, 1, arguments -> {
            Object bodies = unwrap(arguments.get(0));
            if (!(bodies instanceof Map<?, ?> map)) {
                throw new TemplateModelException("dispatch: the argument must be a hash of SQL by warehouse, like"
                        + " {\"duckdb\": \"...\", \"postgres\": \"...\", \"snowflake\": \"...\"}");
            }
            Map<String, Object> byWarehouse = new java.util.LinkedHashMap<>();
            map.forEach((key, value) -> byWarehouse.put(String.valueOf(key), value));
            return dev.sluice.engine.sql.WarehouseDispatch.mark(byWarehouse);
        }));
        data.put("json_fields", method("json_fields", 2, 5, arguments -> functions.jsonFields(text(arguments, 0, "json_fields"),
                text(arguments, 1, "json_fields"), optionalText(arguments, 2, "json_fields"),
                optionalText(arguments, 3, "json_fields"), optionalText(arguments, 4, "json_fields"))));
        // Used by the star macro in templates/macros/sluice.ftl: "*" until the relation's columns are known.
        data.put("sluice_columns", method("star", 1, 3, arguments -> {
            List<String> columns = functions.columns(text(arguments, 0, "star"));
            if (columns == null) {
                return "*";
            }
            Set<String> excluded = arguments.size() > 1 ? strings(unwrap(arguments.get(1))) : Set.of();
            String prefix = arguments.size() > 2 ? text(arguments, 2, "star") : "";
            String qualifier = prefix.isEmpty() ? "" : prefix + ".";
            return columns.stream().filter(column -> !excluded.contains(column.toLowerCase(java.util.Locale.ROOT)))
                    .map(column -> qualifier + dev.sluice.engine.model.Identifiers.identifier(column))
                    .collect(Collectors.joining(", "));
        }));
        return data;
    }

    private static Set<String> strings(Object value) throws TemplateModelException {
        if (value instanceof List<?> list) {
            return list.stream().map(item -> String.valueOf(item).toLowerCase(java.util.Locale.ROOT))
                    .collect(Collectors.toSet());
        }
        throw new TemplateModelException("star: except must be a list of column names, like [\"id\"]");
    }

    private static String text(List<?> arguments, int index, String function) throws TemplateModelException {
        Object value = unwrap(arguments.get(index));
        if (!(value instanceof String text)) {
            throw new TemplateModelException(function + ": argument " + (index + 1) + " must be a string, got " + value);
        }
        return text;
    }

    private static String optionalText(List<?> arguments, int index, String function) throws TemplateModelException {
        return arguments.size() > index ? text(arguments, index, function) : "";
    }

    private static Object unwrap(Object argument) throws TemplateModelException {
        return argument instanceof TemplateModel model ? DeepUnwrap.unwrap(model) : argument;
    }

    private interface Body {
        Object apply(List<?> arguments) throws TemplateModelException;
    }

    private static TemplateMethodModelEx method(String name, int minArguments, int maxArguments, Body body) {
        return arguments -> {
            if (arguments.size() < minArguments || arguments.size() > maxArguments) {
                throw new TemplateModelException(name + "() takes " + (minArguments == maxArguments ? minArguments
                        : minArguments + " to " + maxArguments) + " arguments, got " + arguments.size());
            }
            try {
                return body.apply(arguments);
            } catch (SluiceException e) {
                throw new TemplateModelException(e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new TemplateModelException(new SluiceException(ErrorCode.TEMPLATE, name + "(): " + e.getMessage(), e));
            }
        };
    }
}
