package dev.sluice.server.reload;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a project's folders (the JDK's {@code WatchService}: inotify on Linux) and, once files stopped
 * changing for the debounce interval, hands the changed paths to a callback: an editor's save (write, rename,
 * delete) or a {@code git checkout} is one reload, not dozens. Skips {@code target/}, the collector's spool and
 * hidden folders. Folders created later are watched too.
 *
 * <p>Thread-safe: one daemon thread does everything; {@link #close} stops it.
 */
public final class ProjectWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectWatcher.class);

    /** The files a project is made of: models, macros, configuration, seeds, templates, transformations. */
    private static final Pattern PROJECT_FILE = Pattern.compile("[^.~#].*\\.(sql|yml|yaml|ftl|ftlh|csv|js|json)");

    private final Path project;
    private final List<Path> ignored;
    private final Duration debounce;
    private final Consumer<String> changed;
    private final WatchService watcher;
    private final Thread thread;
    /** The folders registered with the watcher: a deleted one counts as a change, a deleted temporary file does not. */
    private final Set<Path> watchedFolders = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private ProjectWatcher(Path project, List<Path> ignored, Duration debounce, Consumer<String> changed)
            throws IOException {
        this.project = project.toAbsolutePath().normalize();
        this.ignored = ignored.stream().map(path -> path.toAbsolutePath().normalize()).toList();
        this.debounce = debounce;
        this.changed = changed;
        this.watcher = FileSystems.getDefault().newWatchService();
        this.thread = new Thread(this::loop, "sluice-project-watcher");
        thread.setDaemon(true);
    }

    /**
     * Starts watching.
     *
     * @param ignored folders whose changes never count (the target folder, the spool)
     * @param changed called on the watcher's thread with {@code files changed: a, b}; may block (the next
     *     changes wait)
     * @throws java.io.UncheckedIOException when the folders cannot be watched
     */
    public static ProjectWatcher start(Path project, List<Path> ignored, Duration debounce, Consumer<String> changed) {
        try {
            ProjectWatcher watcher = new ProjectWatcher(project, ignored, debounce, changed);
            watcher.registerTree(watcher.project);
            watcher.thread.start();
            return watcher;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot watch " + project + " for changes: " + e.getMessage(), e);
        }
    }

    private void registerTree(Path root) throws IOException {
        if (skipped(root)) {
            return;
        }
        try (Stream<Path> folders = Files.walk(root)) {
            for (Path folder : (Iterable<Path>) folders.filter(Files::isDirectory)::iterator) {
                if (!skipped(folder)) {
                    watchedFolders.add(folder.toAbsolutePath().normalize());
                    folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                            StandardWatchEventKinds.ENTRY_MODIFY);
                }
            }
        }
    }

    private boolean skipped(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (ignored.stream().anyMatch(absolute::startsWith)) {
            return true;
        }
        Path relative = project.relativize(absolute);
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith(".") && !name.equals(".") || name.equals("node_modules")) {
                return true;
            }
        }
        return false;
    }

    private void loop() {
        try {
            while (true) {
                Set<String> paths = new LinkedHashSet<>();
                collect(watcher.take(), paths);
                // Quiet for the debounce interval: the burst is over.
                WatchKey next;
                while ((next = watcher.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    collect(next, paths);
                }
                if (!paths.isEmpty()) {
                    try {
                        changed.accept("files changed: " + String.join(", ", paths));
                    } catch (RuntimeException e) {
                        LOG.warn("reload after a file change failed: {}", e.getMessage());
                    }
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // close(): stop.
        }
    }

    private void collect(WatchKey key, Set<String> paths) {
        Path folder = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                paths.add("(many)");
                continue;
            }
            Path path = folder.resolve((Path) event.context());
            if (skipped(path)) {
                continue;
            }
            String name = path.getFileName().toString();
            // An editor's or sed's temporary file (sedX1b2c3, 4913) is created and renamed or deleted: only a
            // folder that was watched counts when it goes.
            boolean folderGone = event.kind() == StandardWatchEventKinds.ENTRY_DELETE
                    && watchedFolders.remove(path.toAbsolutePath().normalize());
            if (!Files.isDirectory(path) && !folderGone && !PROJECT_FILE.matcher(name).matches()) {
                // A log file, an editor's swap file: not part of the project.
                continue;
            }
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(path)) {
                try {
                    registerTree(path);
                } catch (IOException e) {
                    LOG.warn("cannot watch the new folder {}: {}", path, e.getMessage());
                }
            }
            paths.add(project.relativize(path.toAbsolutePath().normalize()).toString());
        }
        key.reset();
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("closing the project watcher: {}", e.getMessage());
        }
    }
}
