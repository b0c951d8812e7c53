<#--
  DuckDB's query-level syntax that Calcite's grammar lacks: the PIVOT and UNPIVOT statements, list
  and string slices, and the `lambda x: expr` form of a lambda. templates/Parser.jj wires each into
  Calcite's productions; the trees they build are made in the Java classes named below.
-->

/**
 * DuckDB's PIVOT statement, {@code PIVOT source ON col [IN (v [AS name], ...)] USING agg [AS name], ...
 * [GROUP BY expr, ...]}, as the SELECT * FROM ... PIVOT (...) it means (see {@link DuckDbPivots}).
 */
SqlNode DuckDbPivot() :
{
    final Span s;
    final SqlNode source;
    final List<SqlNode> axes = new ArrayList<SqlNode>();
    List<SqlNode> values = null;
    final List<SqlNode> aggregates = new ArrayList<SqlNode>();
    SqlNodeList groupBy = null;
    SqlIdentifier id;
}
{
    <PIVOT> { s = span(); }
    source = TableRef1(ExprContext.ACCEPT_QUERY)
    <ON>
    id = SimpleIdentifier() { axes.add(id); }
    ( <COMMA> id = SimpleIdentifier() { axes.add(id); } )*
    [
        <IN> <LPAREN> { values = new ArrayList<SqlNode>(); }
        DuckDbAliasedExpression(values)
        ( <COMMA> DuckDbAliasedExpression(values) )*
        <RPAREN>
    ]
    <USING>
    DuckDbAliasedExpression(aggregates)
    ( <COMMA> DuckDbAliasedExpression(aggregates) )*
    [
        <GROUP> <BY>
        groupBy = ExpressionCommaList(s, ExprContext.ACCEPT_NON_QUERY)
    ]
    {
        return DuckDbPivots.pivot(s.end(this), source, axes, values, aggregates, groupBy);
    }
}

/**
 * DuckDB's UNPIVOT statement, {@code UNPIVOT source ON col, ... [INTO NAME name VALUE value]}: the
 * columns become rows of (name, value), as Calcite's UNPIVOT (see {@link DuckDbPivots}).
 */
SqlNode DuckDbUnpivot() :
{
    final Span s;
    final SqlNode source;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    SqlIdentifier name = null;
    SqlIdentifier value = null;
    SqlIdentifier id;
}
{
    <UNPIVOT> { s = span(); }
    source = TableRef1(ExprContext.ACCEPT_QUERY)
    <ON>
    id = SimpleIdentifier() { columns.add(id); }
    ( <COMMA> id = SimpleIdentifier() { columns.add(id); } )*
    [
        <INTO> <NAME> name = SimpleIdentifier()
        <VALUE> value = SimpleIdentifier()
    ]
    {
        return DuckDbPivots.unpivot(s.end(this), source, columns, name, value);
    }
}

/** {@code expr [AS name]}: an expression, wrapped in AS when it has a name. */
void DuckDbAliasedExpression(List<SqlNode> list) :
{
    final SqlNode e;
    final SqlIdentifier alias;
}
{
    e = Expression(ExprContext.ACCEPT_NON_QUERY)
    (
        <AS> alias = SimpleIdentifier() {
            list.add(SqlStdOperatorTable.AS.createCall(Span.of(e).end(this), e, alias));
        }
    |
        { list.add(e); }
    )
}

/**
 * After the opening bracket and the lower bound (or none) of a slice: {@code :upper]}'s upper bound,
 * which may be missing too. Returns the bounds; see {@link DuckDbSlices}.
 */
SqlNode DuckDbSliceBounds(SqlNode lower) :
{
    SqlNode upper = null;
}
{
    <COLON>
    [ upper = Expression(ExprContext.ACCEPT_SUB_QUERY) ]
    {
        return DuckDbSlices.bounds(lower, upper, getPos());
    }
}

/** DuckDB's lambda: {@code lambda x: x + 1}, {@code lambda acc, x: acc + x}. */
SqlNode DuckDbKeywordLambda() :
{
    final Span s;
    final List<SqlNode> parameters = new ArrayList<SqlNode>();
    SqlIdentifier p;
    final SqlNode body;
}
{
    <IDENTIFIER> { s = span(); }
    p = SimpleIdentifier() { parameters.add(p); }
    ( <COMMA> p = SimpleIdentifier() { parameters.add(p); } )*
    <COLON>
    body = Expression(ExprContext.ACCEPT_NON_QUERY) {
        return new DuckDbLambda(s.end(this), new SqlNodeList(parameters, s.pos()), body);
    }
}

/**
 * DuckDB's FROM-first query, {@code FROM t [SELECT [ALL | DISTINCT] items] [WHERE ...] [GROUP BY ...]
 * [HAVING ...] [WINDOW ...] [QUALIFY ...]}: the SELECT it means, with the clauses in DuckDB's order (the
 * select list right after FROM, or none for {@code *}). The warehouse runs the text as written.
 */
SqlNode DuckDbFromFirst() :
{
    final Span s;
    final SqlNode fromClause;
    final List<SqlLiteral> keywords = new ArrayList<SqlLiteral>();
    final List<SqlNode> selectList = new ArrayList<SqlNode>();
    SqlLiteral keyword;
    SqlNodeList keywordList = null;
    final SqlNode where;
    final SqlNodeList groupBy;
    final SqlNode having;
    final SqlNodeList windowDecls;
    final SqlNode qualify;
}
{
    <FROM> { s = span(); }
    fromClause = FromClause()
    (
        <SELECT>
        ( keyword = AllOrDistinct() { keywords.add(keyword); } )?
        { keywordList = new SqlNodeList(keywords, getPos()); }
        AddSelectItem(selectList)
        ( <COMMA> AddSelectItem(selectList) )*
    |
        { selectList.add(SqlIdentifier.star(s.pos())); }
    )
    ( where = Where() | { where = null; } )
    ( groupBy = GroupBy() | { groupBy = null; } )
    ( having = Having() | { having = null; } )
    ( windowDecls = Window() | { windowDecls = null; } )
    ( qualify = Qualify() | { qualify = null; } )
    {
        return new SqlSelect(s.end(this), keywordList == null ? new SqlNodeList(s.pos()) : keywordList,
            new SqlNodeList(selectList, Span.of(selectList).pos()), fromClause, where, groupBy, having, windowDecls,
            qualify, null, null, null, new SqlNodeList(getPos()));
    }
}
