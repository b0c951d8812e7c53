<#--
  Productions Sluice keeps from Calcite's Babel dialect, so that everything Babel parsed still
  parses: LEFT SEMI/ANTI JOIN, DATE_PART/DATEADD/DATEDIFF/DATEPART with a unit, the PostgreSQL
  `::` cast and MySQL's `<=>`. Written for Sluice; the behaviour follows calcite-babel 1.42.
-->

JoinType LeftSemiJoin() :
{
}
{
    <LEFT> <SEMI> <JOIN> { return JoinType.LEFT_SEMI_JOIN; }
}

JoinType LeftAntiJoin() :
{
}
{
    <LEFT> <ANTI> <JOIN> { return JoinType.LEFT_ANTI_JOIN; }
}

/** DATE_PART(unit, datetime): the unit is a name (YEAR) or an expression ('year'). */
SqlNode DatePartFunctionCall() :
{
    final Span s;
    final SqlNode unit;
    final SqlNode value;
}
{
    <DATE_PART> { s = span(); }
    <LPAREN>
    (
        unit = TimeUnitOrName()
    |
        unit = Expression(ExprContext.ACCEPT_NON_QUERY)
    )
    <COMMA> value = Expression(ExprContext.ACCEPT_SUB_QUERY)
    <RPAREN> {
        return SqlLibraryOperators.DATE_PART.createCall(s.end(this), unit, value);
    }
}

/**
 * DATEADD, DATEDIFF and DATEPART with a leading unit: a name as in Snowflake and SQL Server
 * ({@code DATEDIFF(DAY, a, b)}, Calcite's library operator) or a string as in DuckDB
 * ({@code datediff('day', a, b)}, a call the engine's operator table resolves).
 */
SqlNode DateaddFunctionCall() :
{
    final Span s;
    final SqlOperator operator;
    final SqlNode unit;
    final List<SqlNode> args;
    SqlNode e;
}
{
    (
        <DATEADD> { operator = SqlLibraryOperators.DATEADD; }
    |   <DATEDIFF> { operator = SqlLibraryOperators.DATEDIFF; }
    |   <DATEPART> { operator = SqlLibraryOperators.DATEPART; }
    )
    { s = span(); }
    <LPAREN>
    (
        unit = TimeUnitOrName()
    |
        unit = StringLiteral()
    )
    { args = startList(unit); }
    (
        <COMMA> e = Expression(ExprContext.ACCEPT_SUB_QUERY) { args.add(e); }
    )*
    <RPAREN> {
        if (unit instanceof SqlIntervalQualifier) {
            return operator.createCall(s.end(this), args);
        }
        return createCall(new SqlIdentifier(operator.getName(), s.pos()), s.end(this),
            SqlFunctionCategory.USER_DEFINED_FUNCTION, null, args);
    }
}

/** A date part written as a string ({@code 'day'}), as Snowflake's TIMESTAMPADD and TIMESTAMPDIFF also take it. */
void StringDatePart(List<SqlNode> args) :
{
    final SqlNode unit;
}
{
    unit = StringLiteral() { args.add(unit); }
}

/** The PostgreSQL cast: {@code expr::type}. */
void InfixCast(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlDataTypeSpec type;
}
{
    <INFIX_CAST> { checkNonQueryExpression(exprContext); }
    type = DataType() {
        list.add(new SqlParserUtil.ToTreeListItem(SqlLibraryOperators.INFIX_CAST, s.pos()));
        list.add(type);
    }
}

/** MySQL's NULL-safe equality: {@code a <=> b}. */
void NullSafeEqual(List<Object> list, ExprContext exprContext, Span s) :
{
}
{
    <NULL_SAFE_EQUAL> {
        checkNonQueryExpression(exprContext);
        list.add(new SqlParserUtil.ToTreeListItem(SqlLibraryOperators.NULL_SAFE_EQUAL, getPos()));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
}

/* Tokens of the POSIX regular-expression operators (includePosixOperators). */
<DEFAULT, DQID, BTID> TOKEN :
{
    < NEGATE: "!" >
|   < TILDE: "~" >
}
