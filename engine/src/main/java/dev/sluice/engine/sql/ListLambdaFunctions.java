package dev.sluice.engine.sql;

import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLambda;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.type.FunctionSqlType;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlLambdaScope;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * DuckDB's list functions that take a lambda, typed as DuckDB types them: the lambda's parameter is
 * the list's element type (and its optional second parameter the 1-based index, a BIGINT); for
 * {@code list_reduce} the first parameter is the accumulator, typed as the initial value when one is
 * given and as the element otherwise.
 * <ul>
 *   <li>{@code list_transform(xs, lambda x: e)} (also {@code array_transform}, {@code apply},
 *       {@code list_apply}, {@code array_apply}): a list of {@code e}'s type;</li>
 *   <li>{@code list_filter(xs, lambda x: cond)} (also {@code array_filter}, {@code filter}): the list's type;</li>
 *   <li>{@code list_reduce(xs, lambda acc, x: e [, initial])} (also {@code array_reduce}, {@code reduce}):
 *       {@code e}'s type.</li>
 * </ul>
 * DuckDB's arrow form {@code x -> e} is typed the same way.
 *
 * <p>Immutable and thread-safe.
 */
final class ListLambdaFunctions {
    private enum Shape { TRANSFORM, FILTER, REDUCE }

    static final List<SqlOperator> ALL = List.of(
            new ListLambdaFunction("list_transform", Shape.TRANSFORM), new ListLambdaFunction("array_transform", Shape.TRANSFORM),
            new ListLambdaFunction("apply", Shape.TRANSFORM), new ListLambdaFunction("list_apply", Shape.TRANSFORM),
            new ListLambdaFunction("array_apply", Shape.TRANSFORM),
            new ListLambdaFunction("list_filter", Shape.FILTER), new ListLambdaFunction("array_filter", Shape.FILTER),
            new ListLambdaFunction("filter", Shape.FILTER),
            new ListLambdaFunction("list_reduce", Shape.REDUCE), new ListLambdaFunction("array_reduce", Shape.REDUCE),
            new ListLambdaFunction("reduce", Shape.REDUCE));

    private ListLambdaFunctions() {}

    private static final class ListLambdaFunction extends SqlFunction {
        private final Shape shape;

        ListLambdaFunction(String name, Shape shape) {
            super(name.toUpperCase(Locale.ROOT), SqlKind.OTHER_FUNCTION, ListLambdaFunction::resultType, null,
                    new Operands(shape), SqlFunctionCategory.USER_DEFINED_FUNCTION);
            this.shape = shape;
        }

        /**
         * Types the lambda's parameters before the validator derives the lambda's type, so its body is
         * typed with the element type (the validator validates operands, the lambda with its parameters
         * as ANY, before it asks the function for its type).
         */
        @Override
        public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
            List<SqlNode> operands = call.getOperandList();
            if (operands.size() >= 2 && operands.get(1) instanceof SqlLambda lambda) {
                RelDataType list = validator.deriveType(scope, operands.get(0));
                RelDataType element = list.getComponentType();
                if (element != null && validator.getLambdaScope(lambda) instanceof SqlLambdaScope lambdaScope) {
                    RelDataTypeFactory types = validator.getTypeFactory();
                    RelDataType accumulator = shape == Shape.REDUCE && operands.size() == 3
                            ? validator.deriveType(scope, operands.get(2)) : element;
                    List<SqlNode> parameters = lambda.getParameters().getList();
                    int first = shape == Shape.REDUCE ? 1 : 0;
                    for (int index = 0; index < parameters.size(); index++) {
                        RelDataType type = index < first ? accumulator
                                : index == first ? element : types.createSqlType(SqlTypeName.BIGINT);
                        lambdaScope.getParameterTypes().put(parameters.get(index).toString(), type);
                    }
                    // The validator may have typed the body already, with the parameters as ANY: forget it.
                    lambda.accept(new SqlBasicVisitor<Void>() {
                        @Override
                        public Void visit(SqlCall nested) {
                            validator.removeValidatedNodeType(nested);
                            return super.visit(nested);
                        }

                        @Override
                        public Void visit(SqlIdentifier identifier) {
                            validator.removeValidatedNodeType(identifier);
                            return null;
                        }
                    });
                    validator.validateLambda(lambda);
                }
            }
            return validateOperands(validator, scope, call);
        }

        private static RelDataType resultType(SqlOperatorBinding binding) {
            RelDataTypeFactory types = binding.getTypeFactory();
            RelDataType list = binding.getOperandType(0);
            RelDataType body = ((FunctionSqlType) binding.getOperandType(1)).getReturnType();
            Shape shape = ((ListLambdaFunction) binding.getOperator()).shape;
            return switch (shape) {
                case TRANSFORM -> types.createTypeWithNullability(
                        types.createArrayType(types.createTypeWithNullability(body, true), -1), list.isNullable());
                case FILTER -> list;
                case REDUCE -> types.createTypeWithNullability(body, true);
            };
        }
    }

    /** A list, then a lambda of the right number of parameters (a filter's returning BOOLEAN), then for reduce an optional initial value. */
    private record Operands(Shape shape) implements SqlOperandTypeChecker {
        @Override
        public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
            boolean ok = binding.getOperandType(0).getComponentType() != null
                    && binding.operand(1) instanceof SqlLambda lambda && parameterCountFits(lambda.getParameters().size())
                    && binding.getOperandType(1) instanceof FunctionSqlType function
                    && (shape != Shape.FILTER || function.getReturnType().getSqlTypeName() == SqlTypeName.BOOLEAN);
            if (!ok && throwOnFailure) {
                throw binding.newValidationSignatureError();
            }
            return ok;
        }

        private boolean parameterCountFits(int parameters) {
            return shape == Shape.REDUCE ? parameters == 2 || parameters == 3 : parameters == 1 || parameters == 2;
        }

        @Override
        public SqlOperandCountRange getOperandCountRange() {
            return shape == Shape.REDUCE ? SqlOperandCountRanges.between(2, 3) : SqlOperandCountRanges.of(2);
        }

        @Override
        public String getAllowedSignatures(SqlOperator operator, String name) {
            return switch (shape) {
                case TRANSFORM -> name + "(<LIST>, lambda x[, i]: <EXPRESSION>)";
                case FILTER -> name + "(<LIST>, lambda x[, i]: <BOOLEAN>)";
                case REDUCE -> name + "(<LIST>, lambda acc, x[, i]: <EXPRESSION>[, <INITIAL VALUE>])";
            };
        }
    }
}
