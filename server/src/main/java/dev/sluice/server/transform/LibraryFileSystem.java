package dev.sluice.server.transform;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The only file system a transformation sees: the project's libraries, read-only, from memory.
 * {@code import { f } from "helpers"} (or {@code "./helpers.js"} inside a library) resolves to
 * {@code /transformations/lib/helpers.js}; nothing else exists, nothing can be written, and the
 * real disk is never touched.
 *
 * <p>Immutable and thread-safe.
 */
final class LibraryFileSystem implements FileSystem {
    static final Path ROOT = Path.of("/" + TransformationFiles.FOLDER + "/" + TransformationFiles.LIBRARY_FOLDER);
    private static final FileTime EPOCH = FileTime.fromMillis(0);

    private final Map<String, byte[]> libraries = new HashMap<>();

    LibraryFileSystem(Map<String, String> sources) {
        sources.forEach((name, code) -> libraries.put(name, code.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public Path parsePath(URI uri) {
        if (!"file".equals(uri.getScheme())) {
            throw new UnsupportedOperationException("only libraries can be imported, not " + uri);
        }
        return Path.of(uri.getPath());
    }

    @Override
    public Path parsePath(String path) {
        return Path.of(path);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        Path absolute = toAbsolutePath(path);
        if (!absolute.equals(ROOT) && !absolute.equals(ROOT.getParent()) && !absolute.equals(ROOT.getRoot())) {
            library(absolute);
        }
        if (modes.contains(AccessMode.WRITE) || modes.contains(AccessMode.EXECUTE)) {
            throw new AccessDeniedException(path.toString(), null, "transformations cannot write or execute files");
        }
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        throw new AccessDeniedException(dir.toString(), null, "transformations cannot write files");
    }

    @Override
    public void delete(Path path) throws IOException {
        throw new AccessDeniedException(path.toString(), null, "transformations cannot delete files");
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        if (options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)) {
            throw new AccessDeniedException(path.toString(), null, "transformations cannot write files");
        }
        return new ReadOnlyChannel(library(toAbsolutePath(path)));
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        throw new AccessDeniedException(dir.toString(), null, "transformations cannot list folders");
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return path.isAbsolute() ? path.normalize() : ROOT.resolve(path).normalize();
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        Path absolute = toAbsolutePath(path);
        return absolute.equals(ROOT) ? absolute : ROOT.resolve(name(absolute) + ".js");
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        Path absolute = toAbsolutePath(path);
        boolean directory = absolute.equals(ROOT) || absolute.equals(ROOT.getParent()) || absolute.equals(ROOT.getRoot());
        long size = directory ? 0 : library(absolute).length;
        Map<String, Object> values = new HashMap<>();
        values.put("isRegularFile", !directory);
        values.put("isDirectory", directory);
        values.put("isSymbolicLink", false);
        values.put("isOther", false);
        values.put("size", size);
        values.put("lastModifiedTime", EPOCH);
        values.put("lastAccessTime", EPOCH);
        values.put("creationTime", EPOCH);
        values.put("fileKey", absolute.toString());
        return values;
    }

    private byte[] library(Path absolute) throws NoSuchFileException {
        byte[] code = absolute.getParent() != null && absolute.getParent().equals(ROOT) ? libraries.get(name(absolute)) : null;
        if (code == null) {
            throw new NoSuchFileException(absolute.toString(), null, "no library " + name(absolute) + " in "
                    + TransformationFiles.FOLDER + "/" + TransformationFiles.LIBRARY_FOLDER + "/ (libraries: "
                    + String.join(", ", new java.util.TreeSet<>(libraries.keySet())) + ")");
        }
        return code;
    }

    private static String name(Path path) {
        return path.getFileName().toString().replaceFirst("\\.js$", "");
    }

    /** A read-only channel over bytes in memory. Not thread-safe (each reader opens its own). */
    private static final class ReadOnlyChannel implements SeekableByteChannel {
        private final byte[] bytes;
        private int position;
        private boolean open = true;

        ReadOnlyChannel(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(ByteBuffer target) {
            if (position >= bytes.length) {
                return -1;
            }
            int count = Math.min(target.remaining(), bytes.length - position);
            target.put(bytes, position, count);
            position += count;
            return count;
        }

        @Override
        public int write(ByteBuffer source) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = (int) Math.min(newPosition, bytes.length);
            return this;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
