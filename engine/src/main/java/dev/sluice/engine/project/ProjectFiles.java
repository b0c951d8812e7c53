package dev.sluice.engine.project;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a project's text files (models, yml, macros) as UTF-8, strictly. Stateless. */
public final class ProjectFiles {
    private ProjectFiles() {}

    /**
     * The file's text: UTF-8, a leading byte-order mark dropped (editors on Windows write one), CRLF line ends as
     * {@code \n}.
     *
     * @param displayName the file as the user knows it, for example {@code models/users.sql}
     * @throws SluiceException naming the file, line and column of the first byte that is not UTF-8 (a file
     *     saved as Latin-1, say), or why it cannot be read
     */
    public static String readText(Path file, String displayName) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SluiceException(ErrorCode.PROJECT_CONFIG, displayName + ": cannot read: " + e.getMessage(), e);
        }
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
                ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer input = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer output = CharBuffer.allocate(bytes.length);
        var result = decoder.decode(input, output, true);
        if (result.isError()) {
            throw notUtf8(displayName, bytes, start, input.position());
        }
        decoder.flush(output);
        return output.flip().toString().replace("\r\n", "\n");
    }

    private static SluiceException notUtf8(String displayName, byte[] bytes, int start, int bad) {
        int line = 1;
        int column = 1;
        for (int index = start; index < bad; index++) {
            if (bytes[index] == '\n') {
                line++;
                column = 1;
            } else if ((bytes[index] & 0xC0) != 0x80) { // count characters, not continuation bytes
                column++;
            }
        }
        return new SluiceException(ErrorCode.PROJECT_CONFIG, String.format("%s:%d:%d: the file is not UTF-8 (byte 0x%02X"
                + " here; Latin-1 or Windows-1252, perhaps): save it as UTF-8", displayName, line, column,
                bytes[bad] & 0xFF), new CharacterCodingException());
    }
}
