package dev.sluice.engine.template;

import freemarker.core.Environment;
import freemarker.template.DefaultObjectWrapper;
import freemarker.template.TemplateDirectiveBody;
import freemarker.template.TemplateDirectiveModel;
import freemarker.template.TemplateException;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code <@config materialized="table" .../>}: records the parameters for one render. Not thread-safe. */
final class ConfigDirective implements TemplateDirectiveModel {
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    @Override
    public void execute(Environment environment, @SuppressWarnings("rawtypes") Map params, TemplateModel[] loopVars,
            TemplateDirectiveBody body) throws TemplateException {
        if (body != null) {
            throw new TemplateModelException("<@config .../> takes no body; close it with />");
        }
        for (Object entry : params.entrySet()) {
            Map.Entry<?, ?> parameter = (Map.Entry<?, ?>) entry;
            parameters.put((String) parameter.getKey(), DeepUnwrap.unwrap((TemplateModel) parameter.getValue()));
        }
    }

    Map<String, Object> parameters() {
        return parameters;
    }

    static DefaultObjectWrapper wrapper() {
        return new freemarker.template.DefaultObjectWrapperBuilder(freemarker.template.Configuration.VERSION_2_3_35)
                .build();
    }
}
