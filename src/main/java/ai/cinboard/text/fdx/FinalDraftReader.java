package ai.cinboard.text.fdx;

import ai.cinboard.domain.StudioException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads a Final Draft screenplay ({@code .fdx}, Final Draft XML) into Fountain text, so it enters the same model
 * as a Fountain script: scene headings (with their numbers), action, character cues, parentheticals, dialogue,
 * transitions, lyrics and dual dialogue (the second speaker marked {@code ^}). Elements Fountain would read as
 * something else are forced ({@code .}, {@code @}, {@code !}, {@code >}).
 *
 * <p>The JDK's XML parser is hardened before it sees a byte: a document type declaration is refused outright
 * (so there are no entities: no XXE, no billion laughs), external DTDs and schemas can't be fetched, XInclude is
 * off, secure processing limits apply, and files over {@link #MAX_BYTES} are refused unread. Final Draft itself
 * writes no DOCTYPE.
 */
public final class FinalDraftReader {
    /** A feature film in Final Draft XML is 0.3 to 2 MB; 10 MB leaves room for long scripts with revisions. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;

    private static final Pattern HEADING = Pattern.compile("^(?i)(?:INT\\.?/EXT|INT/EXT|I/E|INT|EXT|EST)[.\\s].*");
    private static final Pattern TRANSITION = Pattern.compile("^[^a-z]*TO:$");

    private FinalDraftReader() {}

    /** True for a file name Final Draft XML is read from. */
    public static boolean isFinalDraft(String fileName) {
        return fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".fdx");
    }

    /** The screenplay as Fountain text. Anything that isn't a readable, safe FDX file: one line saying so. */
    public static String toFountain(byte[] bytes, String fileName) {
        String shown = fileName == null ? "The Final Draft file" : fileName;
        if (bytes.length > MAX_BYTES) {
            throw new StudioException(shown + " is " + bytes.length / (1024 * 1024) + " MB, more than the "
                    + MAX_BYTES / (1024 * 1024) + " MB a Final Draft screenplay can be here. Check that it is the"
                    + " right file, or export the script as Fountain.");
        }
        Document doc = parse(bytes, shown);
        Element root = doc.getDocumentElement();
        if (!"FinalDraft".equals(root.getTagName())) {
            throw new StudioException(shown + " is XML but not a Final Draft screenplay (its root is <"
                    + root.getTagName() + ">, not <FinalDraft>). Save it from Final Draft as .fdx.");
        }
        Element content = child(root, "Content");
        if (content == null) {
            throw new StudioException(
                    shown + " has no <Content>: the screenplay is empty. Save it again from" + " Final Draft.");
        }
        List<String> blocks = new ArrayList<>();
        StringBuilder speech = null;
        for (Element p : children(content, "Paragraph", "DualDialogue")) {
            // Final Draft wraps dual dialogue in a paragraph; other writers put it straight into the content
            Element dual = "DualDialogue".equals(p.getTagName()) ? p : child(p, "DualDialogue");
            if (dual != null) {
                speech = flush(blocks, speech);
                int cues = 0;
                for (Element inner : children(dual, "Paragraph")) {
                    if ("Character".equals(inner.getAttribute("Type"))) {
                        speech = flush(blocks, speech);
                        speech = new StringBuilder(cue(text(inner), ++cues == 2));
                    } else if (speech != null) {
                        speech.append('\n').append(speechLine(inner));
                    }
                }
                speech = flush(blocks, speech);
                continue;
            }
            String type = p.getAttribute("Type");
            String text = text(p);
            switch (type) {
                case "Character" -> {
                    speech = flush(blocks, speech);
                    if (!text.isEmpty()) {
                        speech = new StringBuilder(cue(text, false));
                    }
                }
                case "Parenthetical", "Dialogue" -> {
                    if (speech != null) {
                        speech.append('\n').append(speechLine(p));
                    } else if (!text.isEmpty()) {
                        blocks.add(action(text));
                    }
                }
                default -> {
                    speech = flush(blocks, speech);
                    if (!text.isEmpty()) {
                        blocks.add(block(type, text, p.getAttribute("Number")));
                    }
                }
            }
        }
        flush(blocks, speech);
        if (blocks.isEmpty()) {
            throw new StudioException(shown + " has no scenes, action or dialogue. Write the screenplay first.");
        }
        return String.join("\n\n", blocks) + "\n";
    }

    private static StringBuilder flush(List<String> blocks, StringBuilder speech) {
        if (speech != null) {
            blocks.add(speech.toString());
        }
        return null;
    }

    private static String block(String type, String text, String number) {
        return switch (type) {
            case "Scene Heading" -> {
                String h = oneLine(text);
                String forced = HEADING.matcher(h).matches() ? h : "." + h;
                yield number == null || number.isBlank() ? forced : forced + " #" + number.strip() + "#";
            }
            case "Transition" -> {
                String t = oneLine(text);
                yield TRANSITION.matcher(t).matches() ? t : "> " + t;
            }
            case "Lyrics" -> "~" + oneLine(text);
            default -> action(text); // Action, General, Shot and anything newer read as action
        };
    }

    private static String cue(String name, boolean dual) {
        String n = oneLine(name);
        boolean upper = n.equals(n.toUpperCase(Locale.ROOT)) && n.chars().anyMatch(Character::isLetter);
        return (upper ? n : "@" + n) + (dual ? " ^" : "");
    }

    private static String speechLine(Element p) {
        String text = oneLine(text(p));
        if ("Parenthetical".equals(p.getAttribute("Type"))) {
            return text.startsWith("(") ? text : "(" + text + ")";
        }
        return text;
    }

    /** Action as one Fountain paragraph, forced when Fountain would read it as something else. */
    private static String action(String text) {
        String a = oneLine(text);
        boolean upper = a.equals(a.toUpperCase(Locale.ROOT)) && a.chars().anyMatch(Character::isLetter);
        boolean marker = a.matches("^(?:[.@~>!=#]|\\[\\[).*");
        return upper || marker || HEADING.matcher(a).matches() ? "!" + a : a;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** The paragraph's own text: its {@code <Text>} runs joined (tabs and line breaks as Final Draft keeps them). */
    private static String text(Element p) {
        StringBuilder sb = new StringBuilder();
        for (Element t : children(p, "Text")) {
            sb.append(t.getTextContent());
        }
        return sb.toString().replace('\u00A0', ' ').strip();
    }

    private static Element child(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.get(0);
    }

    private static List<Element> children(Element parent, String... names) {
        List<String> wanted = List.of(names);
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && wanted.contains(e.getTagName())) {
                out.add(e);
            }
        }
        return out;
    }

    static Document parse(byte[] bytes, String shown) {
        DocumentBuilder builder;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            builder = f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser can't be hardened: " + e.getMessage(), e);
        }
        builder.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) throws SAXException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw e;
            }
        });
        try {
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (SAXParseException e) {
            String why = e.getMessage() == null ? "" : e.getMessage().strip().split("\\R")[0];
            if (why.contains("DOCTYPE")) {
                throw new StudioException(shown + " declares a DOCTYPE, which Final Draft never writes and which can"
                        + " hide entity attacks; it was not read. Save the script again from Final Draft.");
            }
            throw new StudioException(shown + " is not a readable Final Draft file (line " + e.getLineNumber() + ": "
                    + why + "). Open it in Final Draft and save it again as .fdx.");
        } catch (SAXException | IOException e) {
            String why = e.getMessage() == null
                    ? e.getClass().getSimpleName()
                    : e.getMessage().strip().split("\\R")[0];
            throw new StudioException(shown + " is not a readable Final Draft file (" + why
                    + "). Open it in Final Draft and save it again as .fdx.");
        }
    }
}
