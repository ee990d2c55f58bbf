package io.gencluster.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * A results table: rows of one figure for every system, min / median / max over the runs,
 * and the ratio of the others' medians to gen-cluster's.
 *
 * @param title the heading
 * @param unit the unit of every value
 * @param decimals decimals shown
 * @param notes what exactly was measured, shown under the table
 * @param rows the rows
 * @param higherIsBetter whether a larger value is better (a rate): the ratio is then
 * gen-cluster's median ÷ the other's, so that above 1 still means gen-cluster is better
 */
public record Table(String title, String unit, int decimals, List<String> notes, List<Row> rows,
        boolean higherIsBetter) {

    /** An empty table to fill, of figures where less is better (time, CPU, bytes). */
    public static Table of(String title, String unit, int decimals) {
        return new Table(title, unit, decimals, new ArrayList<>(), new ArrayList<>(), false);
    }

    /** An empty table to fill, of rates (more is better). */
    public static Table ofRate(String title, String unit, int decimals) {
        return new Table(title, unit, decimals, new ArrayList<>(), new ArrayList<>(), true);
    }

    /** The row with that label, added when missing. */
    public Row rowNamed(String label) {
        return rows.stream().filter(row -> row.label().equals(label)).findFirst().orElseGet(() -> row(label));
    }

    /** Adds a row and returns it. */
    public Row row(String label) {
        Row row = Row.of(label);
        rows.add(row);
        return row;
    }

    /** Adds a note. */
    public Table note(String note) {
        notes.add(note);
        return this;
    }

    /** The table in Markdown. */
    public String markdown() {
        StringBuilder out = new StringBuilder("### ").append(title).append("\n\n");
        out.append("min / median / max, ").append(unit);
        if (higherIsBetter) {
            out.append(". Ratio: gen-cluster's median ÷ the other system's (above 1: gen-cluster is faster).\n\n");
            out.append("| | gen-cluster | Erlang | JGroups | gen-cluster ÷ Erlang | gen-cluster ÷ JGroups |\n");
        }
        else {
            out.append(". Ratio: the other system's median ÷ gen-cluster's ")
                .append("(above 1: gen-cluster is faster or cheaper).\n\n");
            out.append("| | gen-cluster | Erlang | JGroups | Erlang ÷ gen-cluster | JGroups ÷ gen-cluster |\n");
        }
        out.append("| --- | --- | --- | --- | --- | --- |\n");
        for (Row row : rows) {
            out.append("| ").append(row.label());
            for (Kind kind : Kind.values()) {
                Summary summary = row.get(kind);
                out.append(" | ").append(summary.format(decimals));
                if (!summary.samples().isEmpty()) {
                    out.append(" (").append(summary.samples().size()).append(')');
                }
            }
            out.append(" | ")
                .append(higherIsBetter ? row.inverseRatio(Kind.ERLANG, 2) : row.ratio(Kind.ERLANG, 2))
                .append(" | ")
                .append(higherIsBetter ? row.inverseRatio(Kind.JGROUPS, 2) : row.ratio(Kind.JGROUPS, 2))
                .append(" |\n");
        }
        out.append('\n');
        notes.forEach(note -> out.append("- ").append(note).append('\n'));
        return out.append('\n').toString();
    }
}
