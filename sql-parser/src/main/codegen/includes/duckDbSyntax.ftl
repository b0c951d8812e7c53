<#--
  DuckDB's analytics syntax that Calcite's grammar lacks. Expression forms that start with their own
  token are listed in config.fmpp's literalParserMethods: Calcite tries literals before its built-in
  functions, so these productions see DATE_DIFF, UNNEST, `[` and `{` first.
-->

/** JSON access: {@code json -> 'path'} (JSON) and {@code json ->> 'path'} (text). */
void JsonArrow(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlOperator operator;
}
{
    (
        <LAMBDA> { operator = SluiceOperators.JSON_ARROW; }
    |   <JSON_TEXT_ARROW> { operator = SluiceOperators.JSON_TEXT_ARROW; }
    )
    {
        checkNonQueryExpression(exprContext);
        list.add(new SqlParserUtil.ToTreeListItem(operator, getPos()));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
}

/** Integer division: {@code a // b}. */
void IntegerDivide(List<Object> list, ExprContext exprContext, Span s) :
{
}
{
    <INTEGER_DIVIDE> {
        checkNonQueryExpression(exprContext);
        list.add(new SqlParserUtil.ToTreeListItem(SluiceOperators.INTEGER_DIVIDE, getPos()));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
}

/** {@code ts AT TIME ZONE 'Europe/Paris'}. */
void AtTimeZone(List<Object> list, ExprContext exprContext, Span s) :
{
}
{
    <AT> <TIME> <ZONE> {
        checkNonQueryExpression(exprContext);
        list.add(new SqlParserUtil.ToTreeListItem(SluiceOperators.AT_TIME_ZONE, getPos()));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
}

/**
 * DuckDB's {@code date_diff('day', a, b)} and BigQuery's {@code DATE_DIFF(a, b, DAY)}: a string first
 * argument means DuckDB's form, which becomes a call Sluice's operator table resolves.
 */
SqlNode DuckDbDateDiff() :
{
    final Span s;
    final List<SqlNode> args = new ArrayList<SqlNode>();
    SqlNode e;
}
{
    <DATE_DIFF> { s = span(); }
    <LPAREN>
    e = Expression(ExprContext.ACCEPT_SUB_QUERY) { args.add(e); }
    <COMMA> e = Expression(ExprContext.ACCEPT_SUB_QUERY) { args.add(e); }
    <COMMA>
    (
        LOOKAHEAD({ args.get(0) instanceof SqlCharStringLiteral })
        e = Expression(ExprContext.ACCEPT_SUB_QUERY) {
            args.add(e);
        }
        <RPAREN> {
            return createCall(new SqlIdentifier("DATE_DIFF", s.pos()), s.end(this),
                SqlFunctionCategory.USER_DEFINED_FUNCTION, null, args);
        }
    |
        e = TimeUnitOrName() { args.add(e); }
        <RPAREN> {
            return SqlLibraryOperators.DATE_DIFF.createCall(s.end(this), args);
        }
    )
}

/** {@code unnest(list)} in a select list: one row per element. */
SqlNode SelectListUnnest() :
{
    final Span s;
    final SqlNodeList args;
}
{
    <UNNEST> { s = span(); }
    args = ParenthesizedQueryOrCommaList(ExprContext.ACCEPT_NON_QUERY) {
        return SluiceOperators.UNNEST_LIST.createCall(s.end(this), args.getList());
    }
}

/** DuckDB's {@code range(start, stop [, step])} as a list: RANGE is otherwise a reserved word of window frames. */
SqlNode DuckDbRangeCall() :
{
    final Span s;
    final SqlNodeList args;
}
{
    <RANGE> { s = span(); }
    args = ParenthesizedQueryOrCommaList(ExprContext.ACCEPT_NON_QUERY) {
        return createCall(new SqlIdentifier("range", s.pos()), s.end(this), SqlFunctionCategory.USER_DEFINED_FUNCTION,
            null, args.getList());
    }
}

/** A list literal: {@code [1, 2, 3]}, {@code []}. */
SqlNode ListLiteral() :
{
    final Span s;
    SqlNodeList elements = SqlNodeList.EMPTY;
}
{
    <LBRACKET> { s = span(); }
    [ elements = ExpressionCommaList(s, ExprContext.ACCEPT_NON_QUERY) ]
    <RBRACKET> {
        return SqlStdOperatorTable.ARRAY_VALUE_CONSTRUCTOR.createCall(s.end(this), elements.getList());
    }
}

/** A struct literal: {@code {'id': 1, name: 'x'}}. */
SqlNode StructLiteral() :
{
    final Span s;
    final List<SqlNode> namesAndValues = new ArrayList<SqlNode>();
}
{
    <LBRACE> { s = span(); }
    StructField(namesAndValues)
    ( <COMMA> StructField(namesAndValues) )*
    <RBRACE> {
        return SluiceOperators.STRUCT_LITERAL.createCall(s.end(this), namesAndValues);
    }
}

void StructField(List<SqlNode> namesAndValues) :
{
    final String name;
    final SqlIdentifier identifier;
    final SqlNode value;
}
{
    (
        name = SimpleStringLiteral()
    |
        identifier = SimpleIdentifier() { name = identifier.getSimple(); }
    )
    {
        namesAndValues.add(SqlLiteral.createCharString(name, getPos()));
    }
    <COLON>
    value = Expression(ExprContext.ACCEPT_NON_QUERY) { namesAndValues.add(value); }
}

/**
 * DuckDB's type names that Calcite's grammar lacks: {@code STRUCT(name type, ...)} (a ROW type),
 * {@code MAP(key, value)}, and {@code INTERVAL} and {@code DATETIME}, which are keywords here and so
 * cannot be read as type names; the engine resolves those two by name.
 */
SqlTypeNameSpec DuckDbTypeName() :
{
    final Span s;
    final List<SqlIdentifier> fieldNames = new ArrayList<SqlIdentifier>();
    final List<SqlDataTypeSpec> fieldTypes = new ArrayList<SqlDataTypeSpec>();
    final SqlDataTypeSpec keyType;
    final SqlDataTypeSpec valueType;
}
{
    <INTERVAL> { return new SqlUserDefinedTypeNameSpec("INTERVAL", getPos()); }
|
    <DATETIME> { return new SqlUserDefinedTypeNameSpec("DATETIME", getPos()); }
|
    <MAP> { s = span(); } <LPAREN> keyType = DataType() <COMMA> valueType = DataType() <RPAREN> {
        return new SqlMapTypeNameSpec(keyType, valueType, s.end(this));
    }
|
    LOOKAHEAD({ getToken(1).image.equalsIgnoreCase("STRUCT") && getToken(2).kind == LPAREN })
    <IDENTIFIER> { s = span(); } <LPAREN> AddFieldNameTypes(fieldNames, fieldTypes) <RPAREN> {
        return new SqlRowTypeNameSpec(s.end(this), fieldNames, fieldTypes);
    }
}

/** DuckDB's map literal, {@code MAP {key: value, ...}}, beside Calcite's {@code MAP[key, value, ...]}. */
SqlNode DuckDbMapLiteral() :
{
    final Span s;
    final List<SqlNode> keysAndValues = new ArrayList<SqlNode>();
    SqlNode e;
}
{
    <MAP> { s = span(); } <LBRACE>
    e = Expression(ExprContext.ACCEPT_NON_QUERY) { keysAndValues.add(e); }
    <COLON> e = Expression(ExprContext.ACCEPT_NON_QUERY) { keysAndValues.add(e); }
    (
        <COMMA>
        e = Expression(ExprContext.ACCEPT_NON_QUERY) { keysAndValues.add(e); }
        <COLON> e = Expression(ExprContext.ACCEPT_NON_QUERY) { keysAndValues.add(e); }
    )*
    <RBRACE> {
        return SqlStdOperatorTable.MAP_VALUE_CONSTRUCTOR.createCall(s.end(this), keysAndValues);
    }
}
