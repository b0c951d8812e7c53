package dev.sluice.engine.sql;

import dev.sluice.engine.Names;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Rewrites a validator error in Sluice's words, with the 1-based position Calcite reported and, for an
 * unknown column or table, the closest existing name: {@code column "emial" not found in
 * ref("identifies"); did you mean "email"?}.
 *
 * <p>Not thread-safe (reads the validator that failed); call it on the validating thread.
 */
final class ValidationProblems {
    private ValidationProblems() {}

    /** @param sql the query's text, to re-read aliases the validator lost; may be {@code null} */
    static SqlProblem from(CalciteContextException exception, SqlValidator validator, SqlNode tree,
            SqlCatalog catalog, String sql) {
        int line = exception.getPosLine();
        int column = exception.getPosColumn();
        String calciteMessage = exception.getCause() != null && exception.getCause().getMessage() != null
                ? exception.getCause().getMessage() : exception.getMessage();
        Optional<SqlMessages.Recognised> recognised = SqlMessages.recognise(calciteMessage);
        if (recognised.isEmpty()) {
            return new SqlProblem(SqlProblem.Kind.INVALID, SqlMessages.friendly(calciteMessage), line, column, null);
        }
        List<String> arguments = recognised.get().arguments();
        return switch (recognised.get().shape()) {
            case COLUMN -> unknownColumn(arguments.get(0), null, validator, tree, line, column, catalog, sql);
            case COLUMN_IN_TABLE -> unknownColumn(arguments.get(0), arguments.get(1), validator, tree, line, column,
                    catalog, sql);
            case TABLE -> unknownTable(arguments.get(0), catalog.defaultSchema(), catalog, line, column);
            case TABLE_IN_SCHEMA -> unknownTable(arguments.get(1) + "." + arguments.get(0), arguments.get(1), catalog,
                    line, column);
            case QUALIFIER -> unknownQualifier(arguments.get(0), validator, tree, line, column);
            case AMBIGUOUS_COLUMN -> new SqlProblem(SqlProblem.Kind.INVALID, "column \"" + arguments.get(0)
                    + "\" is ambiguous; qualify it with a table name or alias", line, column, null);
            case UNKNOWN_FUNCTION -> new SqlProblem(SqlProblem.Kind.INVALID, "no function matches "
                    + arguments.get(0) + " (Sluice's SQL validator does not know every warehouse function yet)",
                    line, column, null);
        };
    }

    private static SqlProblem unknownColumn(String name, String qualifier, SqlValidator validator, SqlNode tree,
            int line, int column, SqlCatalog catalog, String sql) {
        List<List<VisibleRelations.Relation>> levels = VisibleRelations.at(validator, tree, line, column);
        List<VisibleRelations.Relation> visible = levels.stream().flatMap(List::stream).toList();
        List<String> candidates = new ArrayList<>();
        String where = "any table in scope";
        if (qualifier != null) {
            where = '"' + qualifier + '"';
            for (VisibleRelations.Relation relation : visible) {
                if (relation.alias().equalsIgnoreCase(qualifier)) {
                    where = relation.description();
                    candidates.addAll(relation.columns());
                    break;
                }
            }
            if (candidates.isEmpty() && sql != null) {
                Optional<SqlCatalog.Table> table = FromAliases.table(sql, qualifier, catalog);
                if (table.isPresent()) {
                    where = table.get().description();
                    table.get().columns().forEach(found -> candidates.add(found.name()));
                }
            }
        } else {
            visible.forEach(relation -> candidates.addAll(relation.columns()));
            if (!levels.isEmpty() && levels.get(0).size() == 1) {
                where = levels.get(0).get(0).description();
            }
        }
        Optional<String> suggestion = Names.closest(name, candidates);
        String message = "column \"" + name + "\" not found in " + where
                + suggestion.map(s -> "; did you mean \"" + s + "\"?").orElse("");
        return new SqlProblem(SqlProblem.Kind.UNKNOWN_COLUMN, message, line, column, suggestion.orElse(null));
    }

    private static SqlProblem unknownQualifier(String qualifier, SqlValidator validator, SqlNode tree, int line,
            int column) {
        List<String> aliases = VisibleRelations.at(validator, tree, line, column).stream()
                .flatMap(List::stream).map(VisibleRelations.Relation::alias).toList();
        Optional<String> suggestion = Names.closest(qualifier, aliases);
        String message = "table or alias \"" + qualifier + "\" not found in this query"
                + suggestion.map(s -> "; did you mean \"" + s + "\"?").orElse("");
        return new SqlProblem(SqlProblem.Kind.UNKNOWN_TABLE, message, line, column, suggestion.orElse(null));
    }

    private static SqlProblem unknownTable(String written, String schema, SqlCatalog catalog, int line, int column) {
        List<String> candidates = new ArrayList<>();
        for (SqlCatalog.Table table : catalog.tables()) {
            if (table.schema().equalsIgnoreCase(schema)) {
                candidates.add(table.name());
            }
        }
        Optional<String> suggestion = Names.closest(lastPart(written), candidates);
        String message = "table \"" + written + "\" not found"
                + suggestion.map(s -> "; did you mean \"" + s + "\"?").orElse("");
        return new SqlProblem(SqlProblem.Kind.UNKNOWN_TABLE, message, line, column, suggestion.orElse(null));
    }

    private static String lastPart(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
