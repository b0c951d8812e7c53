package dev.sluice.cli;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.server.admin.AdminClient;
import dev.sluice.server.admin.AdminConfigReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Sends a command to a running {@code sluice serve} instead of running it here, when the server holds the
 * project's warehouse: with {@code --server URL}, or by itself when {@code target/sluice-server.json} names a
 * live server of this project on the same target (see {@link ServerFile}). The server runs the command on its
 * own project and connection ({@link ServedCommands}) and its output is printed as the server streams it, a
 * {@code build}'s models one by one as they finish.
 *
 * <p>Thread-safe (stateless).
 */
final class ServerRouting {
    /** Options whose value is a path: made absolute for a server on this machine, whose working folder differs. */
    private static final Set<String> PATH_OPTIONS = Set.of("--output", "--state", "--junit-xml");

    private ServerRouting() {}

    /**
     * Runs the command line through a server when it should go there.
     *
     * @return the command's exit code, or empty when it runs here (not a served command, no server, help asked)
     */
    static Optional<Integer> route(String[] args, PrintWriter out, PrintWriter err) {
        if (ServedCommands.servedWorkspace() != null) {
            return Optional.empty();
        }
        ParseResult sub;
        try {
            sub = new CommandLine(new SluiceCommand()).parseArgs(args).subcommand();
        } catch (CommandLine.ParameterException e) {
            return Optional.empty(); // the local run reports it
        }
        if (sub == null || !ServedCommands.COMMANDS.contains(sub.commandSpec().name()) || sub.isUsageHelpRequested()
                || sub.isVersionHelpRequested()) {
            return Optional.empty();
        }
        // The options are the innermost command's (source freshness); the name routed is the outer one.
        String command = sub.commandSpec().name();
        while (sub.subcommand() != null) {
            sub = sub.subcommand();
        }
        if (sub.isUsageHelpRequested() || !sub.commandSpec().options().stream()
                .anyMatch(option -> option.longestName().equals("--project"))) {
            return Optional.empty();
        }
        Path project = value(sub, "--project");
        URI explicit = value(sub, "--server");
        Optional<ServerFile.Entry> discovered = explicit == null ? discover(project, value(sub, "--target"))
                : Optional.empty();
        if (explicit == null && discovered.isEmpty()) {
            return Optional.empty();
        }
        try {
            String token = token(value(sub, "--token"), project, discovered.orElse(null));
            URI url = explicit != null ? explicit : discovered.get().url();
            List<String> forwarded = forwarded(args, command, discovered.isPresent());
            return Optional.of(new AdminClient(url, token).command(forwarded, out, err));
        } catch (SluiceException e) {
            err.println("error [" + e.code() + "]: " + e.getMessage());
            err.flush();
            return Optional.of(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return Optional.of(130);
        }
    }

    /** The live server of this project on {@code target} ({@code null}: the default target), if any. */
    static Optional<ServerFile.Entry> discover(Path project, String target) {
        return ServerFile.read(project).filter(entry -> target == null ? entry.defaultTarget()
                : target.equals(entry.target()));
    }

    /**
     * The admin token: {@code --token} or {@code SLUICE_ADMIN_TOKEN}, else the variable {@code admin.token} in
     * {@code sluice.yml} names, read from this process's environment.
     *
     * @throws SluiceException when there is none, saying which server wanted it
     */
    static String token(String given, Path project, ServerFile.Entry discovered) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        try {
            String configured = new AdminConfigReader(EnvironmentInterpolator.system()).read(project).token();
            if (configured != null) {
                return configured;
            }
        } catch (RuntimeException e) {
            // The variable admin.token names is not set here: say what to set below.
        }
        if (discovered == null) {
            throw new SluiceException(ErrorCode.PROJECT_CONFIG, "--server needs the server's admin token: set"
                    + " SLUICE_ADMIN_TOKEN or pass --token");
        }
        throw new SluiceException(ErrorCode.PROJECT_CONFIG, "sluice serve (pid " + discovered.pid() + ", "
                + discovered.url() + ") holds this project's warehouse, so this command goes through its admin API:"
                + " set SLUICE_ADMIN_TOKEN (or the variable admin.token in sluice.yml names) to the server's admin"
                + " token, or pass --token");
    }

    /** The arguments after the command's name, without the client's options; local paths made absolute. */
    static List<String> forwarded(String[] args, String command, boolean sameMachine) {
        List<String> forwarded = new ArrayList<>();
        forwarded.add(command);
        int start = List.of(args).indexOf(command) + 1;
        for (int index = start; index < args.length; index++) {
            String arg = args[index];
            String option = arg.startsWith("--") && arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (ServedCommands.CLIENT_OPTIONS.contains(option)) {
                index += option.equals(arg) ? 1 : 0;
            } else if (sameMachine && PATH_OPTIONS.contains(option)) {
                String value = option.equals(arg) ? (index + 1 < args.length ? args[++index] : "")
                        : arg.substring(option.length() + 1);
                forwarded.add(option);
                forwarded.add(Path.of(value).toAbsolutePath().normalize().toString());
            } else if (command.equals("sql") && arg.equals("-")) {
                forwarded.add(standardInput());
            } else {
                forwarded.add(arg);
            }
        }
        return forwarded;
    }

    private static String standardInput() {
        try {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T value(ParseResult parsed, String name) {
        OptionSpec option = parsed.commandSpec().findOption(name);
        return option == null ? null : (T) option.getValue();
    }
}
