package dev.sluice.engine.template;

import dev.sluice.engine.Names;
import freemarker.core.Environment;
import freemarker.template.TemplateDirectiveBody;
import freemarker.template.TemplateDirectiveModel;
import freemarker.template.TemplateException;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code <@family values=distinct_values(...) limit=200 prefix=""/>}: declares that the model file
 * stands for one model per value. Checks its parameters and records them for one render; the
 * compiler expands the family (see {@code ModelFamilies}). Not thread-safe: one per render.
 */
final class FamilyDirective implements TemplateDirectiveModel {
    private static final Set<String> KEYS = Set.of("values", "limit", "prefix");
    private FamilySpec spec;

    @Override
    public void execute(Environment environment, @SuppressWarnings("rawtypes") Map params, TemplateModel[] loopVars,
            TemplateDirectiveBody body) throws TemplateException {
        if (body != null) {
            throw new TemplateModelException("<@family .../> takes no body; close it with />");
        }
        if (spec != null) {
            throw new TemplateModelException("<@family .../> may appear once in a model file");
        }
        for (Object key : params.keySet()) {
            if (!KEYS.contains(key)) {
                throw new TemplateModelException("<@family> has no parameter \"" + key + "\""
                        + Names.didYouMean((String) key, KEYS) + " (parameters: limit, prefix, values)");
            }
        }
        if (!params.containsKey("values")) {
            throw new TemplateModelException("<@family> needs values=..., the values that each get a model, for"
                    + " example values=distinct_values(source(\"rudder\", \"events\"), \"event\")");
        }
        Object values = DeepUnwrap.unwrap((TemplateModel) params.get("values"));
        if (!(values instanceof List<?> list)) {
            throw new TemplateModelException("<@family> values must be a list, such as distinct_values(...) returns;"
                    + " got " + values);
        }
        List<String> texts = new ArrayList<>();
        list.stream().filter(item -> item != null).forEach(item -> texts.add(String.valueOf(item)));
        int limit = FamilySpec.DEFAULT_LIMIT;
        if (params.containsKey("limit")) {
            Object given = DeepUnwrap.unwrap((TemplateModel) params.get("limit"));
            if (!(given instanceof Number number) || number.doubleValue() != number.intValue() || number.intValue() < 1) {
                throw new TemplateModelException("<@family> limit must be a whole number of at least 1, got " + given);
            }
            limit = number.intValue();
        }
        Object prefix = params.containsKey("prefix") ? DeepUnwrap.unwrap((TemplateModel) params.get("prefix")) : "";
        if (!(prefix instanceof String)) {
            throw new TemplateModelException("<@family> prefix must be a string, got " + prefix);
        }
        int line = environment.getCurrentDirectiveCallPlace().getBeginLine();
        int column = environment.getCurrentDirectiveCallPlace().getBeginColumn();
        spec = new FamilySpec(texts, limit, (String) prefix, line, column);
    }

    /** The declaration, or {@code null} when the render did not reach a {@code <@family>}. */
    FamilySpec spec() {
        return spec;
    }
}
