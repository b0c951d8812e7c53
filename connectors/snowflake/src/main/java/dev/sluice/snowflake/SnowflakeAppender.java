package dev.sluice.snowflake;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseAppender;
import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Snowflake's bulk path: rows are written as gzipped CSV files of about {@code load_file_mb} compressed
 * megabytes each; a full file is sent to the user's stage with {@code PUT} at once, and {@link #finish()}
 * loads them all with one {@code COPY INTO} (one more per 1,000 files, the most one COPY names).
 *
 * <p>Each appender stages under a folder of its own ({@code @~/sluice/<random id>/}) and COPY names its files,
 * so a load that is retried after a crash sends new files and never meets Snowflake's load metadata (which
 * skips a file already loaded into the table); {@code PURGE = TRUE} removes them once loaded. VARIANT
 * columns are read with {@code parse_json}, so JSON lands as JSON, not as a string.
 *
 * <p>Not thread-safe: it belongs to its session.
 */
final class SnowflakeAppender implements WarehouseAppender {
    /** Files one COPY may name. */
    static final int FILES_PER_COPY = 1000;
    private final SnowflakeSession session;
    private final RelationName table;
    private final List<WarehouseColumn> columns;
    private final long fileBytes;
    private final String stagePath = "sluice/" + UUID.randomUUID();
    private final Path directory;
    private final List<String> staged = new ArrayList<>();
    private Path file;
    private Writer writer;
    private CountingStream counted;
    private long rows;
    private boolean finished;

    SnowflakeAppender(SnowflakeSession session, RelationName table, List<WarehouseColumn> columns, long fileBytes) {
        this.session = session;
        this.table = table;
        this.columns = columns;
        this.fileBytes = fileBytes;
        try {
            this.directory = Files.createTempDirectory("sluice-snowflake-load");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder for the files of a load into " + table, e);
        }
    }

    @Override
    public void add(Iterator<? extends List<?>> newRows) {
        if (finished) {
            throw new IllegalStateException("this appender to " + table + " is finished");
        }
        try {
            while (newRows.hasNext()) {
                List<?> row = newRows.next();
                if (row.size() != columns.size()) {
                    throw new WarehouseException("cannot append to " + table + ": a row has " + row.size()
                            + " values for " + columns.size() + " columns");
                }
                if (writer == null) {
                    open();
                }
                SnowflakeCsv.writeRow(writer, row, columns);
                rows++;
                if (counted.count() >= fileBytes) {
                    sendFile();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a load file in " + directory, e);
        }
    }

    @Override
    public long finish() {
        if (finished) {
            throw new IllegalStateException("this appender to " + table + " is finished");
        }
        finished = true;
        try {
            if (writer != null) {
                sendFile();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a load file in " + directory, e);
        }
        long loaded = 0;
        for (int from = 0; from < staged.size(); from += FILES_PER_COPY) {
            loaded += session.execute(copy(staged.subList(from, Math.min(staged.size(), from + FILES_PER_COPY))));
        }
        if (loaded != rows) {
            throw new WarehouseException("COPY INTO " + table + " loaded " + loaded + " rows of the " + rows
                    + " written to @~/" + stagePath + "/");
        }
        return loaded;
    }

    /** The COPY of {@code files}: columns by position, VARIANT ones through {@code parse_json}. */
    String copy(List<String> files) {
        StringBuilder select = new StringBuilder();
        for (int index = 0; index < columns.size(); index++) {
            String position = "$" + (index + 1);
            select.append(index == 0 ? "" : ", ")
                    .append(SnowflakeCsv.isVariant(columns.get(index)) ? "parse_json(" + position + ")" : position);
        }
        return "copy into " + SnowflakeIdentifiers.quote(table) + " (" + columns.stream()
                .map(column -> SnowflakeIdentifiers.quote(column.name())).collect(Collectors.joining(", ")) + ")"
                + "\nfrom (select " + select + " from @~/" + stagePath + "/)"
                + "\nfiles = (" + files.stream().map(SnowflakeIdentifiers::literal).collect(Collectors.joining(", "))
                + ")\nfile_format = (type = csv field_optionally_enclosed_by = '\"' empty_field_as_null = true"
                + " compression = gzip)"
                + "\non_error = abort_statement purge = true";
    }

    private void open() throws IOException {
        file = directory.resolve("part-" + String.format("%05d", staged.size()) + ".csv.gz");
        counted = new CountingStream(Files.newOutputStream(file));
        writer = new OutputStreamWriter(new GZIPOutputStream(counted, 64 * 1024), StandardCharsets.UTF_8);
    }

    /** Closes the file being written, sends it to the stage and deletes it here. */
    private void sendFile() throws IOException {
        writer.close();
        writer = null;
        String name = file.getFileName().toString();
        session.execute("put " + SnowflakeIdentifiers.literal("file://" + file.toAbsolutePath()) + " @~/" + stagePath
                + "/ auto_compress = false source_compression = gzip overwrite = true");
        staged.add(name);
        Files.delete(file);
    }

    @Override
    public void close() {
        try {
            if (writer != null) {
                writer.close();
            }
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the load files in " + directory, e);
        }
    }

    /** Counts the compressed bytes written, to cut files at the configured size. */
    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }

        long count() {
            return count;
        }
    }
}
