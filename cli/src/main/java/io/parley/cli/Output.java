package io.parley.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** Prints what the service answered: as JSON (for scripts) or as a table (for people). */
public final class Output {

    public enum Format {
        table,
        json
    }

    /** A table column: its heading and how to read a row's cell. */
    public record Column(String heading, Function<JsonNode, String> cell) {

        /** A column of the field at this JSON pointer ({@code /endpoint/id}). */
        public static Column of(String heading, String pointer) {
            return new Column(heading, row -> text(row.at(pointer)));
        }
    }

    private Output() {
    }

    /** Rows (a JSON array, or one object as one row) as a table, or the JSON as it came. */
    public static void print(PrintWriter out, Format format, JsonNode data, Column... columns) {
        if (format == Format.json) {
            json(out, data);
            return;
        }
        List<JsonNode> rows = new ArrayList<>();
        if (data.isArray()) {
            data.forEach(rows::add);
        } else {
            rows.add(data);
        }
        table(out, rows, List.of(columns));
    }

    public static void json(PrintWriter out, JsonNode data) {
        try {
            out.println(ParleyClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    static void table(PrintWriter out, List<JsonNode> rows, List<Column> columns) {
        lines(rows, columns).forEach(out::println);
        out.flush();
    }

    /** Rows as the lines of a table: a heading, then a line a row, each column as wide as its widest cell. */
    static List<String> lines(List<JsonNode> rows, List<Column> columns) {
        List<String[]> cells = new ArrayList<>();
        int[] widths = new int[columns.size()];
        String[] headings = new String[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            headings[c] = columns.get(c).heading();
            widths[c] = headings[c].length();
        }
        for (JsonNode row : rows) {
            String[] line = new String[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                line[c] = columns.get(c).cell().apply(row);
                widths[c] = Math.max(widths[c], line[c].length());
            }
            cells.add(line);
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(headings, widths));
        cells.forEach(line -> lines.add(line(line, widths)));
        return lines;
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            line.append(c == cells.length - 1 ? cells[c] : String.format("%-" + widths[c] + "s  ", cells[c]));
        }
        return line.toString().stripTrailing();
    }

    /** A field as text: scalars as they are, arrays joined, objects as {@code key=value} pairs, missing as "-". */
    public static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "-";
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(text(item)));
            return String.join(",", items);
        }
        if (node.isObject()) {
            List<String> pairs = new ArrayList<>();
            node.properties().forEach(entry -> pairs.add(entry.getKey() + "=" + text(entry.getValue())));
            return String.join(",", pairs);
        }
        return node.asText();
    }
}
