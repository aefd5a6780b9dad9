package ai.cinboard.service.export;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A tiny indenting XML writer. Editors' importers are picky about the prolog (FCPXML wants
 * {@code <!DOCTYPE fcpxml>}, which the JDK's transformer cannot emit without a system id), so the
 * timeline exporters write XML directly; this class owns the escaping so none of them can forget it.
 */
final class XmlWriter {
    private final StringBuilder out = new StringBuilder();
    private final Deque<String> open = new ArrayDeque<>();

    XmlWriter(String doctypeRoot) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<!DOCTYPE ").append(doctypeRoot).append(">\n");
    }

    /** Opens an element; attributes are name/value pairs, null values are left out. */
    XmlWriter start(String name, String... attributes) {
        indent();
        out.append('<').append(name);
        attributes(attributes);
        out.append(">\n");
        open.push(name);
        return this;
    }

    XmlWriter empty(String name, String... attributes) {
        indent();
        out.append('<').append(name);
        attributes(attributes);
        out.append("/>\n");
        return this;
    }

    /** An element holding only text; attributes as for {@link #start}. */
    XmlWriter text(String name, Object value, String... attributes) {
        indent();
        out.append('<').append(name);
        attributes(attributes);
        out.append('>')
                .append(escape(String.valueOf(value)))
                .append("</")
                .append(name)
                .append(">\n");
        return this;
    }

    XmlWriter end() {
        String name = open.pop();
        indent();
        out.append("</").append(name).append(">\n");
        return this;
    }

    String finish() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed elements: " + open);
        }
        return out.toString();
    }

    private void attributes(String[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ')
                        .append(attributes[i])
                        .append("=\"")
                        .append(escape(attributes[i + 1]))
                        .append('"');
            }
        }
    }

    private void indent() {
        out.append("  ".repeat(open.size()));
    }

    /** Escapes markup and drops characters XML 1.0 cannot carry at all (C0 controls other than tab/LF/CR). */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\n' -> b.append("&#10;");
                case '\r' -> b.append("&#13;");
                case '\t' -> b.append("&#9;");
                default -> {
                    if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF) {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.toString();
    }
}
