package dev.sluice.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --threads} value of {@code run}, {@code build}, {@code retry}, {@code snapshot} and {@code compile}: 1
 * to 64, as the admin API takes.
 */
final class ThreadCount {
    static final int MAX = 64;

    private ThreadCount() {}

    /** @throws ParameterException (a usage error, no stack trace) when {@code value} is out of range */
    static int checked(CommandSpec spec, int value) {
        if (value < 1 || value > MAX) {
            throw new ParameterException(spec.commandLine(),
                    "--threads: expected how many models " + (spec.name().equals("compile") ? "compile" : "build")
                            + " at once, from 1 to " + MAX + ", got " + value);
        }
        return value;
    }
}
