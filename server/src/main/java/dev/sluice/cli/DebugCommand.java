package dev.sluice.cli;

import dev.sluice.engine.SluiceException;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.project.Project;
import dev.sluice.engine.project.ProjectLoader;
import dev.sluice.engine.project.TargetConfig;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseException;
import dev.sluice.spi.WarehouseSession;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code dbt debug} for Sluice: versions, the project and target as read, and a round trip to the warehouse.
 * Settings from the environment are shown as their {@code ${env.X}} reference and secret-named ones as
 * {@code ***}, so the output can be pasted into an issue.
 */
@Command(name = "debug", mixinStandardHelpOptions = true,
        description = {"Check the set-up: versions, sluice.yml, the target's settings (secrets hidden), a query.",
                "Exit code 1 when something is wrong."})
final class DebugCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions projectOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println(spec.parent().version()[0] + ", java " + System.getProperty("java.version"));
        Project project;
        try {
            project = new ProjectLoader().load(projectOptions.project);
        } catch (SluiceException e) {
            out.println("project: ERROR " + e.getMessage());
            return 1;
        }
        out.println("project: " + project.config().name() + " in " + project.directory() + " (" + project.models().size()
                + " models, dialect " + project.config().dialect() + ")");
        TargetConfig target;
        try {
            target = project.config().target(projectOptions.target);
        } catch (SluiceException e) {
            out.println("target: ERROR " + e.getMessage());
            return 1;
        }
        out.println("target: " + target.name() + " (type " + target.type() + ", schema " + target.schema() + ")");
        shown(target).forEach((key, value) -> out.println("  " + key + ": " + value));
        long started = System.nanoTime();
        try (Workspace workspace = Workspace.open(projectOptions.project, projectOptions.target);
                WarehouseSession session = workspace.warehouse().openSession();
                WarehouseCursor cursor = session.query("select 1")) {
            cursor.next();
            out.printf(Locale.ROOT, "connection: OK (%s, select 1 in %.0f ms)%n", workspace.warehouse().dialect(),
                    (System.nanoTime() - started) / 1e6);
            return 0;
        } catch (SluiceException | WarehouseException e) {
            out.println("connection: ERROR " + e.getMessage());
            return 1;
        }
    }

    /** The target's settings as they may be shown: references for environment values, *** for secret names. */
    static Map<String, String> shown(TargetConfig target) {
        Map<String, String> shown = new TreeMap<>();
        target.settings().forEach((key, value) -> {
            String lower = key.toLowerCase(Locale.ROOT);
            boolean secret = lower.contains("password") || lower.contains("token") || lower.contains("secret")
                    || lower.contains("private_key") || lower.contains("passphrase");
            shown.put(key, target.written().containsKey(key) ? target.written().get(key) : secret ? "***" : value);
        });
        return shown;
    }
}
