package dev.sluice.engine.lineage;

import java.util.List;

/**
 * Prints an {@link UpstreamColumn} tree as text, one column per line:
 * <pre>
 * ref("customers").email
 * └── ref("users").email
 *     └── ref("stg_identifies").email
 *         └── source("rudder", "identifies").email (derived)
 * </pre>
 * "(derived)" marks a column the line above is computed from rather than copied; "(lineage unknown: ...)" a
 * column whose origins Sluice could not trace. Stateless and thread-safe.
 */
public final class LineageTree {
    private LineageTree() {}

    public static String render(UpstreamColumn root) {
        StringBuilder text = new StringBuilder();
        line(text, "", root);
        render(text, "", root.upstream());
        return text.toString();
    }

    private static void render(StringBuilder text, String indent, List<UpstreamColumn> children) {
        for (int index = 0; index < children.size(); index++) {
            boolean last = index == children.size() - 1;
            UpstreamColumn child = children.get(index);
            line(text, indent + (last ? "└── " : "├── "), child);
            render(text, indent + (last ? "    " : "│   "), child.upstream());
        }
    }

    private static void line(StringBuilder text, String prefix, UpstreamColumn column) {
        text.append(prefix).append(column);
        if (column.derived()) {
            text.append(" (derived)");
        }
        if (column.unknownReason() != null) {
            text.append(" (lineage unknown: ").append(column.unknownReason()).append(')');
        }
        text.append('\n');
    }
}
