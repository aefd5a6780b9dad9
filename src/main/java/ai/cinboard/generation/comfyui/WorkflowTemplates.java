package ai.cinboard.generation.comfyui;

import ai.cinboard.domain.StudioException;
import ai.cinboard.generation.remote.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds API-format workflow templates and fills their placeholders. Filling works on the parsed JSON tree,
 * never on the text, so a value can only ever become one JSON value: a prompt containing quotes, backslashes
 * or {@code "}, "ckpt_name": …} stays a string, and numbers stay numbers. See assets/comfyui/README.md.
 */
public final class WorkflowTemplates {
    public static final String TXT2IMG = "txt2img";
    public static final String IMG2IMG_REFERENCE = "img2img_reference";
    public static final String IMG2VID = "img2vid";

    private static final Pattern WHOLE = Pattern.compile("^\\{\\{([a-zA-Z0-9_]+)}}$");
    private static final Pattern ANY = Pattern.compile("\\{\\{([a-zA-Z0-9_]+)}}");

    private final List<Path> dirs;

    public WorkflowTemplates(List<Path> dirs) {
        this.dirs = List.copyOf(dirs);
    }

    /** The template's text: the first directory that has {@code <name>.json}, then the classpath /comfyui/. */
    public String load(String name) {
        for (Path dir : dirs) {
            Path file = dir.resolve(name + ".json");
            if (Files.isRegularFile(file)) {
                try {
                    return Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new StudioException("Cannot read the ComfyUI template " + file + ": " + e.getMessage(), e);
                }
            }
        }
        try (InputStream in = WorkflowTemplates.class.getResourceAsStream("/comfyui/" + name + ".json")) {
            if (in != null) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new StudioException("Cannot read the built-in ComfyUI template " + name + ": " + e.getMessage(), e);
        }
        throw new StudioException("No ComfyUI workflow template '" + name + ".json' in " + dirs
                + ". Reinstall CinBoard or put one in CINBOARD_HOME/comfyui.");
    }

    /** Loads and fills a template. */
    public ObjectNode fill(String name, Map<String, Object> values) {
        return fill(name, load(name), values);
    }

    /** Fills a template text; {@code origin} names it in error messages. */
    public static ObjectNode fill(String origin, String template, Map<String, Object> values) {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(quoteBarePlaceholders(template));
        } catch (IOException e) {
            throw new StudioException(
                    "The ComfyUI template '" + origin + "' is not valid JSON: "
                            + e.getMessage().lines().findFirst().orElse("")
                            + ". Export it with Workflow › Export (API).",
                    e);
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new StudioException("The ComfyUI template '" + origin + "' must be an API-format workflow "
                    + "(an object of nodes). Export it with Workflow › Export (API).");
        }
        TreeSet<String> unknown = new TreeSet<>();
        JsonNode filled = substitute(root, values, unknown);
        if (!unknown.isEmpty()) {
            throw new StudioException("The ComfyUI template '" + origin + "' uses placeholders CinBoard does not "
                    + "fill: " + unknown + ". Known ones are " + new TreeSet<>(values.keySet()) + ".");
        }
        return (ObjectNode) filled;
    }

    /** Wraps {@code {{name}}} found outside JSON strings in quotes so the template parses. */
    static String quoteBarePlaceholders(String t) {
        StringBuilder out = new StringBuilder(t.length() + 16);
        boolean inString = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < t.length()) {
                    out.append(t.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (c == '{' && t.startsWith("{{", i)) {
                int end = t.indexOf("}}", i + 2);
                if (end < 0) {
                    out.append(c);
                    continue;
                }
                out.append('"').append(t, i, end + 2).append('"');
                i = end + 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static JsonNode substitute(JsonNode node, Map<String, Object> values, TreeSet<String> unknown) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), substitute(e.getValue(), values, unknown));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> copy.add(substitute(n, values, unknown)));
            return copy;
        }
        if (!node.isTextual()) {
            return node;
        }
        String text = node.textValue();
        Matcher whole = WHOLE.matcher(text);
        if (whole.matches()) {
            String key = whole.group(1);
            if (!values.containsKey(key)) {
                unknown.add(key);
                return node;
            }
            return Json.MAPPER.valueToTree(values.get(key));
        }
        Matcher m = ANY.matcher(text);
        if (!m.find()) {
            return node;
        }
        StringBuilder sb = new StringBuilder();
        m.reset();
        while (m.find()) {
            String key = m.group(1);
            Object v = values.get(key);
            if (v == null && !values.containsKey(key)) {
                unknown.add(key);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf(v)));
        }
        m.appendTail(sb);
        return TextNode.valueOf(sb.toString());
    }
}
