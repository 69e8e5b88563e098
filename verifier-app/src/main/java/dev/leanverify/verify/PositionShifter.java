package dev.leanverify.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Moves positions inside raw infotree JSON down by the header's line count. An infotree position
 * is an object with exactly an integer {@code line} and {@code column}.
 */
final class PositionShifter {
    private PositionShifter() {
    }

    static JsonNode shiftInfotree(JsonNode tree, int lines) {
        if (tree == null || lines == 0) {
            return tree;
        }
        JsonNode copy = tree.deepCopy();
        shift(copy, lines);
        return copy;
    }

    private static void shift(JsonNode node, int lines) {
        if (node instanceof ObjectNode object) {
            JsonNode line = object.get("line");
            JsonNode column = object.get("column");
            if (object.size() == 2 && line != null && line.isInt() && column != null && column.isInt()) {
                object.put("line", line.intValue() + lines);
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                shift(it.next().getValue(), lines);
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode item : array) {
                shift(item, lines);
            }
        }
    }
}
