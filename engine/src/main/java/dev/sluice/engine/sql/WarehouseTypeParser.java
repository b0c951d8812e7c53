package dev.sluice.engine.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a warehouse type name such as {@code DECIMAL(12, 2)}, {@code TIMESTAMP WITH TIME ZONE},
 * {@code VARCHAR[]} or {@code STRUCT(id BIGINT, tags MAP(VARCHAR, INTEGER)[])} into a small tree.
 * It is deliberately forgiving: it never rejects a name, it just reads what it can, because an
 * unknown type must degrade to ANY rather than fail a compile.
 *
 * <p>Not thread-safe: one instance per type name (see {@link #parse(String)}).
 */
final class WarehouseTypeParser {
    /**
     * A parsed type: {@code name} is upper-case with single spaces ({@code TIMESTAMP WITH TIME ZONE}),
     * {@code numbers} its numeric arguments, {@code fields} its named members (STRUCT) or unnamed
     * arguments (MAP), {@code arrayDepth} the number of trailing {@code []}.
     */
    record TypeTree(String name, List<Integer> numbers, List<Field> fields, int arrayDepth) {
        TypeTree elementType() {
            return new TypeTree(name, numbers, fields, arrayDepth - 1);
        }
    }

    /** A STRUCT member ({@code name} set) or a MAP argument ({@code name} null). */
    record Field(String name, TypeTree type) {}

    private final String text;
    private int position;

    private WarehouseTypeParser(String text) {
        this.text = text;
    }

    static TypeTree parse(String type) {
        return new WarehouseTypeParser(type).type();
    }

    private TypeTree type() {
        StringBuilder name = new StringBuilder();
        for (String word = word(); word != null; word = word()) {
            name.append(name.length() == 0 ? "" : " ").append(word.toUpperCase(Locale.ROOT));
        }
        List<Integer> numbers = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        if (accept('(')) {
            arguments(name.toString(), numbers, fields);
        }
        // Postgres-style modifiers may follow the arguments: TIMESTAMP(3) WITH TIME ZONE.
        for (String word = word(); word != null; word = word()) {
            name.append(' ').append(word.toUpperCase(Locale.ROOT));
        }
        int arrayDepth = 0;
        while (accept('[')) {
            skipPast(']');
            arrayDepth++;
        }
        return new TypeTree(name.toString(), List.copyOf(numbers), List.copyOf(fields), arrayDepth);
    }

    private void arguments(String typeName, List<Integer> numbers, List<Field> fields) {
        // STRUCT(id BIGINT) and UNION(num INTEGER) have named members; MAP(K, V) and DECIMAL(p, s) do not.
        boolean namedMembers = typeName.equals("STRUCT") || typeName.equals("ROW") || typeName.equals("UNION");
        while (!atEnd() && !accept(')')) {
            int start = position;
            String number = digits();
            if (number != null) {
                numbers.add(Integer.parseInt(number));
            } else if (peek() == '\'') {
                position++;
                skipPast('\''); // ENUM('a', 'b'): the labels do not matter for validation
            } else if (namedMembers) {
                String memberName = quotedName();
                fields.add(new Field(memberName == null ? word() : memberName, type()));
            } else {
                fields.add(new Field(null, type()));
            }
            accept(',');
            if (position == start) {
                position++; // cannot read this character: skip it rather than loop forever
            }
        }
    }

    private String word() {
        skipSpaces();
        int start = position;
        while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
            position++;
        }
        return position == start || Character.isDigit(text.charAt(start)) ? reset(start) : text.substring(start, position);
    }

    private String reset(int start) {
        position = start;
        return null;
    }

    private String digits() {
        skipSpaces();
        int start = position;
        while (!atEnd() && Character.isDigit(peek())) {
            position++;
        }
        return position == start ? null : text.substring(start, position);
    }

    private String quotedName() {
        skipSpaces();
        if (peek() != '"') {
            return null;
        }
        int close = text.indexOf('"', position + 1);
        if (close < 0) {
            return null;
        }
        String name = text.substring(position + 1, close);
        position = close + 1;
        return name;
    }

    private boolean accept(char expected) {
        skipSpaces();
        if (peek() == expected) {
            position++;
            return true;
        }
        return false;
    }

    private void skipPast(char terminator) {
        int found = text.indexOf(terminator, position);
        position = found < 0 ? text.length() : found + 1;
    }

    private void skipSpaces() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            position++;
        }
    }

    private char peek() {
        return atEnd() ? '\0' : text.charAt(position);
    }

    private boolean atEnd() {
        return position >= text.length();
    }
}
