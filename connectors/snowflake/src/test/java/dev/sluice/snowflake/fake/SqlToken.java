package dev.sluice.snowflake.fake;

import static java.util.Objects.requireNonNull;

/** One lexical token of Snowflake SQL as the fake reads it. Immutable. */
record SqlToken(Kind kind, String text) {
    enum Kind {
        /** A bare word: keyword, name or function name. */
        WORD,
        /** A double-quoted identifier, quotes included. */
        QUOTED,
        /** A single-quoted string literal, quotes included, as Snowflake wrote it. */
        STRING,
        NUMBER,
        /** A {@code ?} bind placeholder. */
        PARAMETER,
        /** Punctuation or an operator. */
        SYMBOL,
        /** Spaces and comments: kept so the rewritten text reads like the original. */
        SPACE
    }

    SqlToken {
        requireNonNull(kind, "kind is null");
        requireNonNull(text, "text is null");
    }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** The upper-case word, as Snowflake resolves a bare name. */
    String upper() {
        return text.toUpperCase(java.util.Locale.ROOT);
    }
}
