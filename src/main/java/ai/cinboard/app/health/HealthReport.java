package ai.cinboard.app.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The result of a health check: one line per part, and whether every required part passed. */
public final class HealthReport {
    /** One checked part. {@code required} parts fail the report; optional ones only warn. */
    public record Item(String name, boolean ok, boolean required, String detail, Map<String, Object> figures) {}

    private final List<Item> items = new ArrayList<>();

    public void add(Item item) {
        items.add(item);
    }

    public void addAll(List<Item> more) {
        items.addAll(more);
    }

    public List<Item> items() {
        return List.copyOf(items);
    }

    public boolean ok() {
        return items.stream().allMatch(i -> i.ok() || !i.required());
    }

    public String toText() {
        StringBuilder sb = new StringBuilder();
        for (Item i : items) {
            String mark = i.ok() ? "ok  " : (i.required() ? "FAIL" : "warn");
            sb.append(String.format("%s  %-10s %s%n", mark, i.name(), i.detail()));
        }
        sb.append(ok() ? "All is well." : "Something required failed; see the FAIL lines above.");
        return sb.toString();
    }

    public String toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ok", ok());
        List<Map<String, Object>> checks = new ArrayList<>();
        for (Item i : items) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", i.name());
            m.put("ok", i.ok());
            m.put("required", i.required());
            m.put("detail", i.detail());
            m.putAll(i.figures());
            checks.add(m);
        }
        doc.put("checks", checks);
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
