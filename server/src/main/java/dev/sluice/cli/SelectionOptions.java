package dev.sluice.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which models a command works on: dbt-style selectors and excludes. */
final class SelectionOptions {
    @Option(names = {"-s", "--select"}, paramLabel = "SELECTOR",
            description = "Models to work on (default: all): name, +name, name+, tag:x, path:dir, state:modified.")
    List<String> select = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "SELECTOR", description = "Models to leave out.")
    List<String> exclude = new ArrayList<>();
}
