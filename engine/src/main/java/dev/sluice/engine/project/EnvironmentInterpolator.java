package dev.sluice.engine.project;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes {@code ${env.NAME}} and {@code ${env.NAME:-fallback}} in configuration values.
 * Thread-safe.
 */
public final class EnvironmentInterpolator {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{env\\.([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private final Function<String, String> environment;

    public EnvironmentInterpolator(Function<String, String> environment) {
        this.environment = environment;
    }

    /** Reads the process environment. */
    public static EnvironmentInterpolator system() {
        Map<String, String> env = System.getenv();
        return new EnvironmentInterpolator(env::get);
    }

    /**
     * @param where names the file and field for the error, for example {@code sluice.yml: targets.prod.password}
     * @throws SluiceException when a variable is unset and has no fallback
     */
    public String interpolate(String value, String where) {
        if (value == null || !value.contains("${env.")) {
            return value;
        }
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(resolve(matcher, where)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * The texts {@link #interpolate} puts in the place of each reference in {@code value}, in order: what
     * came from the environment (or a fallback), which may be secret.
     *
     * @throws SluiceException when a variable is unset and has no fallback
     */
    public List<String> substitutions(String value, String where) {
        List<String> substituted = new ArrayList<>();
        if (value != null) {
            Matcher matcher = REFERENCE.matcher(value);
            while (matcher.find()) {
                substituted.add(resolve(matcher, where));
            }
        }
        return substituted;
    }

    /**
     * How an error message shows a configured value that was wrong: quoted as written when {@code raw} holds no
     * reference, otherwise as the reference itself ({@code the value of ${env.PORT}}), since what came from the
     * environment may be a secret.
     *
     * @param raw the value as written in the file
     * @param value {@code raw} after {@link #interpolate}
     */
    public static String shown(String raw, String value) {
        return raw != null && REFERENCE.matcher(raw).find() ? "the value of " + raw : "\"" + value + "\"";
    }

    private String resolve(Matcher matcher, String where) {
        String replacement = environment.apply(matcher.group(1));
        if (replacement == null) {
            replacement = matcher.group(2);
        }
        if (replacement == null) {
            throw new SluiceException(ErrorCode.PROJECT_CONFIG, where + ": environment variable "
                    + matcher.group(1) + " is not set (write ${env." + matcher.group(1)
                    + ":-default} to give a fallback)");
        }
        return replacement;
    }
}
