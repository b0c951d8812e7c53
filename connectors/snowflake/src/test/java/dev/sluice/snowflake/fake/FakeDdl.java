package dev.sluice.snowflake.fake;

import dev.sluice.snowflake.fake.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CREATE, DROP, ALTER and USE as Snowflake runs them: in a transaction of their own (an open one is
 * committed first), answering a {@code status} row. Forms the fake does not know are errors.
 * One instance per statement; not thread-safe.
 */
final class FakeDdl {
    private final FakeSession session;
    private final FakeStages stages;
    private final SnowflakeToDuckDb rewriter;
    private final List<SqlToken> tokens;
    private final FakeStatements statements;
    private int at;

    FakeDdl(FakeSession session, FakeStages stages, SnowflakeToDuckDb rewriter, List<SqlToken> tokens,
            FakeStatements statements) {
        this.session = session;
        this.stages = stages;
        this.rewriter = rewriter;
        this.tokens = tokens;
        this.statements = statements;
    }

    FakeResult run() {
        String verb = next().upper();
        return switch (verb) {
            case "USE" -> use();
            case "ALTER" -> peek("SESSION") ? alterSession() : alterTable();
            case "CREATE" -> create();
            case "DROP" -> drop();
            default -> throw FakeSqlException.unsupported(verb);
        };
    }

    private FakeResult use() {
        String kind = peekAny("SCHEMA", "DATABASE", "WAREHOUSE", "ROLE") ? next().upper() : "DATABASE";
        int start = at;
        skipName();
        String name = rewriter.range(start, at).replace("\"", "");
        end();
        if (kind.equals("SCHEMA")) {
            session.useSchema(name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name);
        } else if (kind.equals("DATABASE") && !name.equalsIgnoreCase(session.database)) {
            throw FakeSqlException.unsupported("a second database (" + name + "): the fake holds " + session.database);
        }
        return FakeResult.status(FakeResult.USE, "Statement executed successfully.");
    }

    private FakeResult alterSession() {
        next();
        boolean set = expectAny("SET", "UNSET").equals("SET");
        while (at < tokens.size()) {
            String parameter = next().upper();
            if (!FakeStatements.sessionParameters().contains(parameter)) {
                throw FakeSqlException.unsupported("the session parameter " + parameter);
            }
            if (set) {
                expectSymbol("=");
                SqlToken value = next();
                session.parameters.put(parameter, value.kind() == Kind.STRING
                        ? SnowflakeToDuckDb.literalValue(value.text()) : value.upper());
            } else {
                session.parameters.remove(parameter);
            }
            if (at < tokens.size()) {
                if (tokens.get(at).isSymbol(",")) {
                    at++;
                }
            }
        }
        return FakeResult.status(FakeResult.ALTER_SESSION, "Statement executed successfully.");
    }

    private FakeResult alterTable() {
        expect("TABLE");
        boolean ifExists = optional("IF", "EXISTS");
        int start = at;
        skipName();
        String table = rewriter.range(start, at);
        statements.commitForDdl(session);
        if (optional("ADD")) {
            optional("COLUMN");
            boolean ifNotExists = optional("IF", "NOT", "EXISTS");
            List<String> columns = new ArrayList<>();
            do {
                String column = rewriter.range(at, at + 1);
                at++;
                TypeNames.Parsed type = TypeNames.parse(tokens, at, session.parameter("TIMESTAMP_TYPE_MAPPING"));
                at = type.next();
                columns.add(column + " " + type.duckDb());
            } while (optionalSymbol(","));
            end();
            for (String column : columns) {
                statements.execute(session, "ALTER TABLE " + (ifExists ? "IF EXISTS " : "") + table + " ADD COLUMN "
                        + (ifNotExists ? "IF NOT EXISTS " : "") + column);
            }
            return FakeResult.status(FakeResult.DDL, "Statement executed successfully.");
        }
        if (optional("DROP")) {
            optional("COLUMN");
            boolean columnIfExists = optional("IF", "EXISTS");
            String column = rewriter.range(at, at + 1);
            at++;
            end();
            statements.execute(session, "ALTER TABLE " + (ifExists ? "IF EXISTS " : "") + table + " DROP COLUMN "
                    + (columnIfExists ? "IF EXISTS " : "") + column);
            return FakeResult.status(FakeResult.DDL, "Statement executed successfully.");
        }
        if (optional("RENAME", "TO")) {
            int target = at;
            skipName();
            String renamed = rewriter.range(target, at);
            end();
            String schemaOf = table.contains(".") ? table.substring(0, table.lastIndexOf('.')) : session.schema();
            // Snowflake resolves an unqualified new name in the session's schema, not the table's.
            String targetSchema = renamed.contains(".") ? renamed.substring(0, renamed.lastIndexOf('.')) : session.schema();
            if (!String.valueOf(schemaOf).replace("\"", "").equals(String.valueOf(targetSchema).replace("\"", ""))) {
                throw FakeSqlException.unsupported("a rename that moves " + table + " into schema " + targetSchema
                        + " (Snowflake resolves an unqualified new name in the session's current schema)");
            }
            stages.forgetLoads(table);
            stages.forgetLoads(renamed);
            statements.execute(session, "ALTER TABLE " + table + " RENAME TO " + renamed.substring(renamed.lastIndexOf('.') + 1));
            return FakeResult.status(FakeResult.DDL, "Statement executed successfully.");
        }
        throw FakeSqlException.unsupported("this ALTER TABLE");
    }

    private FakeResult create() {
        boolean orReplace = optional("OR", "REPLACE");
        boolean transient_ = optional("TRANSIENT");
        if (peekAny("TEMPORARY", "TEMP", "VOLATILE", "LOCAL", "GLOBAL")) {
            throw FakeSqlException.unsupported("temporary objects (DuckDB keeps them outside the schema named)");
        }
        String kind = expectAny("TABLE", "VIEW", "SCHEMA", "STAGE");
        if (transient_ && !kind.equals("TABLE") && !kind.equals("SCHEMA")) {
            throw FakeSqlException.syntax("TRANSIENT " + kind);
        }
        boolean ifNotExists = optional("IF", "NOT", "EXISTS");
        int start = at;
        skipName();
        String name = rewriter.range(start, at);
        String shortName = name.substring(name.lastIndexOf('.') + 1).replace("\"", "");
        statements.commitForDdl(session);
        String head = "CREATE " + (orReplace ? "OR REPLACE " : "");
        String tail = ifNotExists ? "IF NOT EXISTS " : "";
        switch (kind) {
            case "SCHEMA" -> {
                end();
                if (orReplace) {
                    statements.execute(session, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
                }
                statements.execute(session, "CREATE SCHEMA " + tail + name);
                return FakeResult.status(FakeResult.DDL, "Schema " + shortName + " successfully created.");
            }
            case "STAGE" -> {
                end();
                stages.create(name.replace("\"", ""), ifNotExists || orReplace);
                return FakeResult.status(FakeResult.DDL, "Stage area " + shortName + " successfully created.");
            }
            case "VIEW" -> {
                optional("COPY", "GRANTS");
                expect("AS");
                statements.execute(session, head + "VIEW " + tail + name + " AS " + rewriter.range(at, tokens.size()));
                return FakeResult.status(FakeResult.DDL, "View " + shortName + " successfully created.");
            }
            default -> {
                optional("COPY", "GRANTS");
                String body;
                if (optional("AS")) {
                    body = " AS " + rewriter.range(at, tokens.size());
                } else if (at < tokens.size() && tokens.get(at).isSymbol("(")) {
                    body = " (" + columnDefinitions() + ")";
                } else {
                    throw FakeSqlException.unsupported("this CREATE TABLE (CLONE, LIKE or options)");
                }
                stages.forgetLoads(name);
                statements.execute(session, head + "TABLE " + tail + name + body);
                return FakeResult.status(FakeResult.DDL, "Table " + shortName + " successfully created.");
            }
        }
    }

    private String columnDefinitions() {
        int close = rewriter.close(at, tokens.size());
        at++;
        List<String> definitions = new ArrayList<>();
        while (at < close) {
            if (peekAny("CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN")) {
                throw FakeSqlException.unsupported("table constraints");
            }
            String column = rewriter.range(at, at + 1);
            at++;
            TypeNames.Parsed type = TypeNames.parse(tokens, at, session.parameter("TIMESTAMP_TYPE_MAPPING"));
            at = type.next();
            StringBuilder definition = new StringBuilder(column + " " + type.duckDb());
            while (at < close && !tokens.get(at).isSymbol(",")) {
                if (optional("NOT", "NULL")) {
                    definition.append(" NOT NULL");
                } else if (optional("NULL")) {
                    definition.append(" NULL");
                } else {
                    throw FakeSqlException.unsupported("the column option " + tokens.get(at).text());
                }
            }
            definitions.add(definition.toString());
            optionalSymbol(",");
        }
        at = close + 1;
        end();
        return String.join(", ", definitions);
    }

    private FakeResult drop() {
        String kind = expectAny("TABLE", "VIEW", "SCHEMA", "STAGE");
        boolean ifExists = optional("IF", "EXISTS");
        int start = at;
        skipName();
        String name = rewriter.range(start, at);
        optional("CASCADE");
        optional("RESTRICT");
        end();
        statements.commitForDdl(session);
        String shortName = name.substring(name.lastIndexOf('.') + 1).replace("\"", "");
        if (kind.equals("STAGE")) {
            stages.drop(name.replace("\"", ""));
        } else {
            stages.forgetLoads(name);
            statements.execute(session, "DROP " + kind + (ifExists ? " IF EXISTS " : " ") + name
                    + (kind.equals("SCHEMA") ? " CASCADE" : ""));
        }
        return FakeResult.status(FakeResult.DDL, shortName + " successfully dropped.");
    }

    private void skipName() {
        if (at >= tokens.size() || (tokens.get(at).kind() != Kind.WORD && tokens.get(at).kind() != Kind.QUOTED)) {
            throw FakeSqlException.syntax("expected a name");
        }
        at++;
        while (at + 1 < tokens.size() && tokens.get(at).isSymbol(".")) {
            at += 2;
        }
    }

    private SqlToken next() {
        if (at >= tokens.size()) {
            throw FakeSqlException.syntax("unexpected end of statement");
        }
        return tokens.get(at++);
    }

    private boolean peek(String word) {
        return at < tokens.size() && tokens.get(at).isWord(word);
    }

    private boolean peekAny(String... words) {
        for (String word : words) {
            if (peek(word)) {
                return true;
            }
        }
        return false;
    }

    private boolean optional(String... words) {
        for (int i = 0; i < words.length; i++) {
            if (at + i >= tokens.size() || !tokens.get(at + i).isWord(words[i])) {
                return false;
            }
        }
        at += words.length;
        return true;
    }

    private boolean optionalSymbol(String symbol) {
        if (at < tokens.size() && tokens.get(at).isSymbol(symbol)) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(String word) {
        if (!optional(word)) {
            throw FakeSqlException.syntax("expected " + word + (at < tokens.size() ? ", found " + tokens.get(at).text() : ""));
        }
    }

    private void expectSymbol(String symbol) {
        if (!optionalSymbol(symbol)) {
            throw FakeSqlException.syntax("expected " + symbol);
        }
    }

    private String expectAny(String... words) {
        for (String word : words) {
            if (optional(word)) {
                return word.toUpperCase(Locale.ROOT);
            }
        }
        throw FakeSqlException.unsupported(at < tokens.size() ? tokens.get(at).text() + " here" : "this statement");
    }

    private void end() {
        if (at < tokens.size()) {
            throw FakeSqlException.syntax("unexpected '" + tokens.get(at).text() + "'");
        }
    }
}
