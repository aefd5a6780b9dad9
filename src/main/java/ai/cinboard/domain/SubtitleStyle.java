package ai.cinboard.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How burned-in subtitles look: a preset's name and its settings, each of which can be changed. {@code size} is the
 * text height in percent of the frame height, {@code outline} the outline's width in percent of the text size (0 for
 * none), {@code color} "#RRGGBB", {@code box} a half-transparent dark box behind the text, and {@code wordHighlight}
 * colours each word as it is said (karaoke). Stored with the project under {@link #KEY} of its render settings; a
 * project that has none shows {@link #CLASSIC} burned in only when the video has no voiceover, and a project that
 * has one shows it burned in always.
 */
public record SubtitleStyle(
        String preset,
        Face font,
        double size,
        String color,
        double outline,
        boolean box,
        Position position,
        boolean wordHighlight) {

    /** The caption fonts, each with the faces that cover every script (Noto, DejaVu); see the caption painter. */
    public enum Face {
        SANS,
        BOLD,
        SERIF;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where the subtitle sits inside the title-safe area. */
    public enum Position {
        BOTTOM,
        MIDDLE,
        TOP;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The render_settings key these settings are stored under. */
    public static final String KEY = "subtitles";

    public static final double MIN_SIZE = 2;
    public static final double MAX_SIZE = 10;
    public static final double MAX_OUTLINE = 25;

    /** The look subtitles always had: white on a dark box at the top, clear of the keyframes' caption band. */
    public static final SubtitleStyle CLASSIC =
            new SubtitleStyle("classic", Face.SANS, 4.5, "#FFFFFF", 0, true, Position.TOP, false);

    public static final List<SubtitleStyle> PRESETS = List.of(
            CLASSIC,
            new SubtitleStyle("boxed", Face.SANS, 5, "#FFFFFF", 0, true, Position.BOTTOM, false),
            new SubtitleStyle("bold-outline", Face.BOLD, 5.5, "#FFFFFF", 12, false, Position.BOTTOM, false),
            new SubtitleStyle("karaoke", Face.BOLD, 5.5, "#FFFFFF", 12, false, Position.BOTTOM, true));

    /** The preset names for messages: "classic, boxed, bold-outline or karaoke". */
    public static final String PRESET_NAMES =
            allowed(PRESETS.stream().map(SubtitleStyle::preset).toList());

    private static final Map<String, String> COLOR_NAMES = Map.of(
            "white", "#FFFFFF",
            "black", "#000000",
            "yellow", "#FFD400",
            "cyan", "#00E5FF",
            "green", "#3DDC84",
            "red", "#FF3B30");

    public SubtitleStyle {
        if (preset == null || font == null || color == null || position == null) {
            throw new IllegalArgumentException("a subtitle style needs a preset, font, colour and position");
        }
    }

    /** The preset name that takes a project's own style out: classic, burned in only without a voiceover. */
    public static final String AUTOMATIC = "auto";

    /**
     * What the user asked to change of a project's style: a preset to start from (or {@link #AUTOMATIC}), and the
     * settings to set on top of it or of the stored style; null keeps what is there.
     */
    public record Change(
            String preset,
            Face font,
            Double size,
            String color,
            Double outline,
            Boolean box,
            Position position,
            Boolean wordHighlight) {
        public static final Change NONE = new Change(null, null, null, null, null, null, null, null);

        /**
         * Checks and reads the settings as given in text (null for not given); a bad one is one sentence naming it
         * and the allowed values.
         */
        public static Change parse(
                String preset,
                String font,
                String size,
                String color,
                String outline,
                Boolean box,
                String position,
                Boolean wordHighlight) {
            String p = preset == null ? null : preset.strip().toLowerCase(Locale.ROOT);
            if (p != null) {
                if (!p.equals(AUTOMATIC)
                        && PRESETS.stream().noneMatch(s -> s.preset().equals(p))) {
                    throw new StudioException("Subtitle preset \"" + preset + "\" is not offered: use " + PRESET_NAMES
                            + ", or " + AUTOMATIC + " (classic, burned in only without a voiceover).");
                }
            }
            Change c = new Change(
                    p,
                    font == null ? null : parseFont(font),
                    size == null ? null : parseSize(size),
                    color == null ? null : parseColor(color),
                    outline == null ? null : parseOutline(outline),
                    box,
                    position == null ? null : parsePosition(position),
                    wordHighlight);
            if (AUTOMATIC.equals(p) && !c.withPreset(null).isEmpty()) {
                throw new StudioException("Subtitle preset " + AUTOMATIC
                        + " takes the project's own style out; give it without other subtitle settings.");
            }
            return c;
        }

        public boolean isEmpty() {
            return equals(NONE);
        }

        /** The same settings starting from the preset {@code name} (null: from the stored style). */
        public Change withPreset(String name) {
            return new Change(name, font, size, color, outline, box, position, wordHighlight);
        }

        /** The style after this change to {@code stored} (null when none was chosen); null for automatic. */
        public SubtitleStyle applyTo(SubtitleStyle stored) {
            if (AUTOMATIC.equals(preset)) {
                return null;
            }
            SubtitleStyle s = preset != null ? SubtitleStyle.preset(preset) : stored != null ? stored : CLASSIC;
            if (font != null) {
                s = s.withFont(font);
            }
            if (size != null) {
                s = s.withSize(size);
            }
            if (color != null) {
                s = s.withColor(color);
            }
            if (outline != null) {
                s = s.withOutline(outline);
            }
            if (box != null) {
                s = s.withBox(box);
            }
            if (position != null) {
                s = s.withPosition(position);
            }
            if (wordHighlight != null) {
                s = s.withWordHighlight(wordHighlight);
            }
            return s;
        }
    }

    public static SubtitleStyle preset(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return PRESETS.stream()
                .filter(p -> p.preset().equals(n))
                .findFirst()
                .orElseThrow(() -> new StudioException(
                        "Subtitle preset \"" + name + "\" is not offered: use " + PRESET_NAMES + "."));
    }

    public static Face parseFont(String text) {
        return parse(text, "Subtitle font", Face.values());
    }

    public static Position parsePosition(String text) {
        return parse(text, "Subtitle position", Position.values());
    }

    public static double parseSize(String text) {
        double v = number(text, "Subtitle size");
        if (v < MIN_SIZE || v > MAX_SIZE) {
            throw new StudioException("Subtitle size " + text + " is out of range: use " + (int) MIN_SIZE + " to "
                    + (int) MAX_SIZE + " (percent of the frame height).");
        }
        return v;
    }

    public static double parseOutline(String text) {
        double v = number(text, "Subtitle outline");
        if (v < 0 || v > MAX_OUTLINE) {
            throw new StudioException("Subtitle outline " + text + " is out of range: use 0 (none) to "
                    + (int) MAX_OUTLINE + " (percent of the text size).");
        }
        return v;
    }

    /** "#RRGGBB" from "#rrggbb", "rrggbb" or a colour name. */
    public static String parseColor(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (COLOR_NAMES.containsKey(t)) {
            return COLOR_NAMES.get(t);
        }
        String hex = t.startsWith("#") ? t.substring(1) : t;
        if (!hex.matches("[0-9a-f]{6}")) {
            throw new StudioException("Subtitle colour \"" + text + "\" is not a colour: use #RRGGBB (e.g. #FFD400)"
                    + " or " + allowed(COLOR_NAMES.keySet().stream().sorted().toList()) + ".");
        }
        return "#" + hex.toUpperCase(Locale.ROOT);
    }

    /** The colour as 0xRRGGBB. */
    public int rgb() {
        return Integer.parseInt(color.substring(1), 16);
    }

    public SubtitleStyle withFont(Face f) {
        return new SubtitleStyle(preset, f, size, color, outline, box, position, wordHighlight);
    }

    /** Two lines of 42 characters: the usual subtitle limit, for a wide frame at the usual text size. */
    public static final int PAGE_UNITS = 84;

    /** The fewest units a subtitle page holds, whatever the frame: a few words. */
    public static final int MIN_PAGE_UNITS = 16;

    /**
     * How many half-em units (a Latin letter one, a CJK character two) one subtitle page holds in a frame of this size: two lines of
     * text at this size inside the title-safe width (5 % each side, less the box's padding of 0.4 em each side),
     * a tenth kept spare for letters wider than half an em (the painter allows a third line), and never more than
     * two lines of 42 characters.
     */
    public int pageUnits(int width, int height) {
        double font = Math.max(12, height * size / 100);
        double perLine = (width * 0.9 - 0.8 * font) / (0.5 * font);
        return (int) Math.max(MIN_PAGE_UNITS, Math.min(PAGE_UNITS, Math.floor(2 * perLine * 0.9)));
    }

    public SubtitleStyle withSize(double s) {
        return new SubtitleStyle(preset, font, s, color, outline, box, position, wordHighlight);
    }

    public SubtitleStyle withColor(String c) {
        return new SubtitleStyle(preset, font, size, c, outline, box, position, wordHighlight);
    }

    public SubtitleStyle withOutline(double o) {
        return new SubtitleStyle(preset, font, size, color, o, box, position, wordHighlight);
    }

    public SubtitleStyle withBox(boolean b) {
        return new SubtitleStyle(preset, font, size, color, outline, b, position, wordHighlight);
    }

    public SubtitleStyle withPosition(Position p) {
        return new SubtitleStyle(preset, font, size, color, outline, box, p, wordHighlight);
    }

    public SubtitleStyle withWordHighlight(boolean w) {
        return new SubtitleStyle(preset, font, size, color, outline, box, position, w);
    }

    /** What of the style determines the final video's picture, for its fingerprint. */
    public String fingerprintPart() {
        return String.join(
                ",",
                font.label(),
                Double.toString(size),
                color,
                Double.toString(outline),
                Boolean.toString(box),
                position.label(),
                Boolean.toString(wordHighlight));
    }

    /** A sentence for the user: "karaoke: bold, 5.5 %, #FFFFFF, outline 12 %, bottom, word by word". */
    public String describe() {
        StringBuilder sb = new StringBuilder(preset)
                .append(": ")
                .append(font.label())
                .append(", ")
                .append(trim(size))
                .append(" %, ")
                .append(color);
        if (outline > 0) {
            sb.append(", outline ").append(trim(outline)).append(" %");
        }
        if (box) {
            sb.append(", box");
        }
        sb.append(", ").append(position.label());
        if (wordHighlight) {
            sb.append(", word by word");
        }
        return sb.toString();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("preset", preset);
        m.put("font", font.label());
        m.put("size", size);
        m.put("color", color);
        m.put("outline", outline);
        m.put("box", box);
        m.put("position", position.label());
        m.put("word_highlight", wordHighlight);
        return m;
    }

    /**
     * Reads a stored style; null when none is stored (the default: classic, burned in only without a voiceover). A
     * missing or unreadable setting takes its preset's value.
     */
    public static SubtitleStyle fromMap(Object stored) {
        if (!(stored instanceof Map<?, ?> m)) {
            return null;
        }
        SubtitleStyle base = PRESETS.stream()
                .filter(p -> p.preset().equals(m.get("preset")))
                .findFirst()
                .orElse(CLASSIC);
        SubtitleStyle s = base;
        try {
            if (m.get("font") instanceof String f) {
                s = s.withFont(parseFont(f));
            }
            if (m.get("size") instanceof Number n) {
                s = s.withSize(Math.max(MIN_SIZE, Math.min(MAX_SIZE, n.doubleValue())));
            }
            if (m.get("color") instanceof String c) {
                s = s.withColor(parseColor(c));
            }
            if (m.get("outline") instanceof Number n) {
                s = s.withOutline(Math.max(0, Math.min(MAX_OUTLINE, n.doubleValue())));
            }
            if (m.get("box") instanceof Boolean b) {
                s = s.withBox(b);
            }
            if (m.get("position") instanceof String p) {
                s = s.withPosition(parsePosition(p));
            }
            if (m.get("word_highlight") instanceof Boolean w) {
                s = s.withWordHighlight(w);
            }
        } catch (StudioException e) {
            return s; // settings read up to the unreadable one; the rest keep the preset's
        }
        return s;
    }

    private static <E extends Enum<E>> E parse(String text, String what, E[] values) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (E v : values) {
            if (v.name().equals(t)) {
                return v;
            }
        }
        throw new StudioException(what + " \"" + text + "\" is not offered: use "
                + allowed(java.util.Arrays.stream(values)
                        .map(v -> v.name().toLowerCase(Locale.ROOT))
                        .toList())
                + ".");
    }

    private static double number(String text, String what) {
        try {
            double v = Double.parseDouble(text == null ? "" : text.strip());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new StudioException(what + " \"" + text + "\" is not a number.");
    }

    private static String allowed(List<String> names) {
        return names.size() == 1
                ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
