package dev.sluice.engine.template;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.TemplateLoader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The templates of one folder ({@code macros/}, {@code templates/}), read by Freemarker's file loader,
 * which refuses a file that a symbolic link puts outside the folder. That refusal is a
 * {@link SecurityException} with no line for Freemarker to report; here it becomes an
 * {@link OutsideFolderException} (an {@link IOException}), which Freemarker reports as a failed
 * include at the including line, and which a caller loading a template itself can show as it is.
 *
 * <p>Thread-safe, as Freemarker's file loader is.
 */
final class FolderTemplateLoader implements TemplateLoader {
    private final Path folder;
    private final FileTemplateLoader files;

    FolderTemplateLoader(Path folder) {
        this.folder = folder;
        try {
            files = new FileTemplateLoader(folder.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fails, naming the file, when {@code file} (a path inside {@code folder}) resolves, through a
     * symbolic link, to a file outside the folder.
     *
     * @throws SluiceException with {@link ErrorCode#TEMPLATE} and a one-line message
     */
    static void checkInside(Path folder, Path file) {
        String outside = outside(folder, file);
        if (outside != null) {
            throw new SluiceException(ErrorCode.TEMPLATE, outside);
        }
    }

    /** Why {@code file} is refused, or {@code null} when it is inside {@code folder} (or does not exist). */
    private static String outside(Path folder, Path file) {
        try {
            Path real = file.toRealPath();
            Path realFolder = folder.toRealPath();
            if (real.startsWith(realFolder)) {
                return null;
            }
            return file + ": a symbolic link to " + real + ", which is outside " + folder
                    + "; templates and macros are read only from inside their folder (copy the file in instead)";
        } catch (IOException e) {
            return null; // missing: the loader reports it as not found
        }
    }

    @Override
    public Object findTemplateSource(String name) throws IOException {
        try {
            return files.findTemplateSource(name);
        } catch (SecurityException e) {
            String outside = outside(folder, folder.resolve(name));
            throw new OutsideFolderException(outside != null ? outside : folder.resolve(name) + ": outside " + folder);
        }
    }

    @Override
    public long getLastModified(Object templateSource) {
        return files.getLastModified(templateSource);
    }

    @Override
    public Reader getReader(Object templateSource, String encoding) throws IOException {
        return files.getReader(templateSource, encoding);
    }

    @Override
    public void closeTemplateSource(Object templateSource) throws IOException {
        files.closeTemplateSource(templateSource);
    }

    /** A template that a symbolic link puts outside its folder; the message names the file and the link's target. */
    static final class OutsideFolderException extends IOException {
        private static final long serialVersionUID = 1L;

        OutsideFolderException(String message) {
            super(message);
        }
    }
}
