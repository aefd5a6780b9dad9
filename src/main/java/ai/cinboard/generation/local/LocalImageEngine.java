package ai.cinboard.generation.local;

import ai.cinboard.domain.ScriptClass;
import ai.cinboard.domain.StudioException;
import ai.cinboard.generation.CharacterLook;
import ai.cinboard.generation.CharacterSheetRequest;
import ai.cinboard.generation.GeneratedImage;
import ai.cinboard.generation.ImageEngine;
import ai.cinboard.generation.KeyframeRequest;
import ai.cinboard.generation.Progress;
import ai.cinboard.generation.ShotType;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * The offline image engine: procedural Java2D drawings, deterministic for a given request (no clock, no global
 * random, fonts loaded from fixed files). Character sheets follow only from the consistency key; keyframes draw
 * the setting from the heading, location, time of day and description, the characters with the same painter as
 * the sheets, and a caption in the story's script.
 */
public final class LocalImageEngine implements ImageEngine {
    public static final String NAME = "local";

    /** Views of the sheet: 0 is the front view (the reference image), the rest are variations of the same look. */
    private static final FigurePainter.View[] SHEET_VIEWS = {
        FigurePainter.View.FRONT,
        FigurePainter.View.THREE_QUARTER,
        FigurePainter.View.PROFILE,
        FigurePainter.View.FRONT,
        FigurePainter.View.THREE_QUARTER
    };

    private static final FigurePainter.Expression[] SHEET_EXPRESSIONS = {
        FigurePainter.Expression.NEUTRAL,
        FigurePainter.Expression.NEUTRAL,
        FigurePainter.Expression.NEUTRAL,
        FigurePainter.Expression.SMILE,
        FigurePainter.Expression.SURPRISED
    };

    /** Figure height and feet position on a sheet, as fractions of its height; leaves room for the name label. */
    private static final double SHEET_FIGURE = 0.70;

    private static final double SHEET_FEET = 0.86;

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The engine with the version of its drawing: 2 reads a scene's setting from whole words; 3 draws what a
     * character's description says (hair and clothing colours, glasses, a hat), turns a sheet's new take, and
     * draws harbours and piers by the water. What an earlier version drew is stale, and no cache entry of one is
     * taken for this one's.
     */
    @Override
    public String identity() {
        return NAME + "/3";
    }

    /** Where the figure sits on a sheet of this size: the region QualityScores compares keyframes against. */
    public static Rectangle sheetFigureRegion(int width, int height) {
        // tallest look (height factor 1.12) plus a hat or bun reaching ~6 % above the unit box
        double tallest = height * SHEET_FIGURE * 1.12 * 1.06;
        int w = (int) Math.round(tallest * 0.5);
        return new Rectangle(width / 2 - w / 2, (int) Math.round(height * SHEET_FEET - tallest), w, (int)
                        Math.round(tallest))
                .intersection(new Rectangle(0, 0, width, height));
    }

    /**
     * The head-and-shoulders box of the figure on a sheet of this size for this key. Consistency scoring compares
     * this box with the same box in a keyframe: both then show the same part of the body at the same proportions,
     * whatever the shot's crop.
     */
    public static Rectangle sheetHeadRegion(String consistencyKey, int width, int height) {
        return headBox(Look.of(consistencyKey), width / 2.0, height * SHEET_FEET, height * SHEET_FIGURE, width, height);
    }

    static Rectangle headBox(Look look, double cx, double baseY, double figH, int w, int h) {
        double scale = figH * look.height() / FigurePainter.UNIT_H;
        double top = baseY - FigurePainter.UNIT_H * scale;
        // unit box: hats reach 14 above the head's top, the shoulders start at 78; the head is at most ~75 wide
        return new Rectangle(
                        (int) Math.round(cx - 42 * scale),
                        (int) Math.round(top - 14 * scale),
                        (int) Math.round(84 * scale),
                        (int) Math.round(100 * scale))
                .intersection(new Rectangle(0, 0, w, h));
    }

    /** Keyframes draw each character from its consistency key, never from its reference image. */
    @Override
    public boolean drawsFromReferences() {
        return false;
    }

    /** A panel's caption band holds its description, unless the request's caption is empty. */
    @Override
    public boolean drawsCaptions() {
        return true;
    }

    @Override
    public GeneratedImage characterSheet(CharacterSheetRequest request, Progress progress) {
        CharacterLook c = request.character();
        int w = request.width();
        int h = request.height();
        progress.report(0, "Drawing " + c.name());
        Look look = Look.of(c.consistencyKey(), c.description());
        int variation = Math.max(0, request.variation());
        int take = Math.max(1, request.take());
        // A further take keeps the look (the consistency key) but is a new picture: every second take turns the
        // figure three-quarters (to one side, then the other), with another expression and a different backdrop.
        FigurePainter.View view =
                take % 2 == 0 ? FigurePainter.View.THREE_QUARTER : SHEET_VIEWS[variation % SHEET_VIEWS.length];
        FigurePainter.Expression expr = SHEET_EXPRESSIONS[(variation + (take - 1) * 3) % SHEET_EXPRESSIONS.length];
        boolean turned = take % 4 == 2;
        double backdrop = 0.18 + ((take - 1) % 4) * 0.12;

        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = prepare(img);
        // soft backdrop tinted by the character's accent so sheets are told apart at a glance, plus a floor line
        Color top = mix(Color.WHITE, look.accent(), backdrop);
        g.setPaint(new GradientPaint(0, 0, top, 0, h, mix(Color.WHITE, look.accent(), 0.40)));
        g.fillRect(0, 0, w, h);
        g.setColor(mix(Color.WHITE, look.accent(), 0.55));
        g.fill(new Ellipse2D.Double(w * 0.3, h * 0.83, w * 0.4, h * 0.06));
        // and every take after the first holds its arms another way
        FigurePainter.Pose pose = FigurePainter.Pose.values()[(take - 1) % FigurePainter.Pose.values().length];
        FigurePainter.paint(g, look, w / 2.0, h * SHEET_FEET, h * SHEET_FIGURE, view, expr, turned, pose);
        // name label
        String label = c.name() == null ? "" : c.name();
        Font font = CaptionFonts.fontFor(label.isEmpty() ? "?" : label, Math.max(10f, h / 18f));
        g.setColor(new Color(0, 0, 0, 150));
        g.fillRect(0, (int) (h * 0.90), w, h - (int) (h * 0.90));
        CaptionFonts.drawWrapped(g, label, font, Color.WHITE, w * 0.05f, h * 0.905f, w * 0.9f, 1, Locale.ROOT);
        g.dispose();
        progress.report(1, "Drew " + c.name());

        Map<String, Object> params = new LinkedHashMap<>();
        params.put("engine", NAME);
        params.put("kind", "character_sheet");
        params.put("consistency_key", c.consistencyKey());
        params.put("seed", Look.seedOf(c.consistencyKey()));
        params.put("variation", variation);
        params.put("take", take);
        params.put("view", view.name().toLowerCase(Locale.ROOT));
        params.put("expression", expr.name().toLowerCase(Locale.ROOT));
        params.put("pose", pose.name().toLowerCase(Locale.ROOT));
        params.put("palette", look.describe());
        params.put("width", w);
        params.put("height", h);
        params.put("font", font.getFontName(Locale.ROOT));
        Rectangle r = sheetFigureRegion(w, h);
        params.put("figure_region", List.of(r.x, r.y, r.width, r.height));
        Rectangle head = sheetHeadRegion(c.consistencyKey(), w, h);
        params.put("head_region", List.of(head.x, head.y, head.width, head.height));
        return new GeneratedImage(png(img), "image/png", params);
    }

    @Override
    public GeneratedImage keyframe(KeyframeRequest request, Progress progress) {
        progress.report(0, "Drawing keyframe");
        int w = request.width();
        int h = request.height();
        SplittableRandom rnd = new SplittableRandom(request.seed());
        Setting setting = Setting.of(
                request.heading(),
                request.location(),
                request.timeOfDay(),
                request.description(),
                request.prompt(),
                request.characters().stream().map(CharacterLook::name).toList());
        ShotType shot = request.shot() == null ? ShotType.WIDE : request.shot();
        Camera camera = Camera.forTake(request.take(), request.seed(), w);
        // laid out for the frame's shape: a vertical or square keyframe is composed for it, not cut from a wide one
        Framing framing = Framing.of(w, h);
        double horizon = h * framing.horizon();

        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = prepare(img);
        // the setting is drawn larger for closer shots, around the horizon, as a camera moving in would see it
        double bgZoom = switch (shot) {
            case WIDE -> 1.0;
            case MEDIUM -> 1.35;
            case CLOSE_UP -> 1.9;
        };
        Graphics2D bg = (Graphics2D) g.create();
        bg.translate(w / 2.0 + camera.panX() * 0.5, horizon);
        bg.scale(bgZoom * camera.zoom(), bgZoom * camera.zoom());
        bg.translate(-w / 2.0, -horizon);
        drawSetting(bg, setting, w, h, horizon, rnd);
        bg.dispose();
        if (Thread.currentThread().isInterrupted()) {
            throw new StudioException("Keyframe rendering was cancelled.");
        }
        List<CharacterLook> cast = request.characters() == null ? List.of() : request.characters();
        List<List<Integer>> heads = new ArrayList<>();
        List<List<Integer>> regions = drawCast(g, cast, shot, w, h, rnd, heads, camera, framing);

        // caption band in the story's own script
        String caption = request.caption() == null ? "" : request.caption().strip();
        Font font = CaptionFonts.fontFor(caption.isEmpty() ? " " : caption, framing.captionFontSize(w, h));
        Rectangle2D.Double text = framing.captionText();
        if (!caption.isEmpty()) {
            float pad = h / 80f;
            float bandTop = (float) (h * framing.bandTop());
            float textTop = (float) (h * text.y);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.62f));
            g.setColor(Color.BLACK);
            g.fill(new Rectangle2D.Float(0, bandTop, w, (float) (h * framing.bandBottom()) - bandTop));
            g.setComposite(AlphaComposite.SrcOver);
            // up to three lines, as many as fit the region's height in this font (small frames get fewer)
            int lines = Math.max(1, Math.min(3, (int)
                    ((h * text.height - pad) / g.getFontMetrics(font).getHeight())));
            CaptionFonts.drawWrapped(
                    g,
                    caption,
                    font,
                    Color.WHITE,
                    (float) (w * text.x),
                    textTop + pad,
                    (float) (w * text.width),
                    lines,
                    localeOf(request.language()));
        }
        g.dispose();
        progress.report(1, "Drew keyframe");

        Map<String, Object> params = new LinkedHashMap<>();
        params.put("engine", NAME);
        params.put("kind", "keyframe");
        params.put("seed", request.seed());
        params.put("shot", shot.name());
        params.put("take", Math.max(1, request.take()));
        params.put(
                "camera",
                Map.of(
                        "pan_x",
                        Math.round(camera.panX()),
                        "zoom",
                        camera.zoom(),
                        "mirrored",
                        camera.mirrored(),
                        "poses",
                        camera.poses()));
        params.put("interior", setting.interior);
        params.put("time_of_day", setting.time.name().toLowerCase(Locale.ROOT));
        params.put("features", setting.features);
        Map<String, Object> palettes = new LinkedHashMap<>();
        for (CharacterLook c : cast) {
            palettes.put(c.name(), Look.of(c.consistencyKey(), c.description()).describe());
        }
        params.put("palette", palettes);
        params.put("figure_regions", regions);
        params.put("head_regions", heads);
        params.put("caption_font", font.getFontName(Locale.ROOT));
        params.put("framing", framing.shape().name().toLowerCase(Locale.ROOT));
        params.put(
                "caption_region",
                caption.isEmpty()
                        ? List.of()
                        : List.of(
                                (int) Math.round(w * text.x),
                                (int) Math.round(h * text.y),
                                (int) Math.round(w * text.width),
                                (int) Math.round(h * text.height)));
        params.put("width", w);
        params.put("height", h);
        return new GeneratedImage(png(img), "image/png", params);
    }

    /** Draws the cast for the shot and returns each visible figure's bounding box [x, y, w, h], clipped to the panel. */
    private static List<List<Integer>> drawCast(
            Graphics2D g,
            List<CharacterLook> cast,
            ShotType shot,
            int w,
            int h,
            SplittableRandom rnd,
            List<List<Integer>> heads,
            Camera camera,
            Framing framing) {
        List<List<Integer>> regions = new ArrayList<>();
        if (cast.isEmpty()) {
            return regions;
        }
        // a wide shot shows everyone (up to the frame's number), a medium shot a few from the waist up, a close-up
        // the first character
        int shown = framing.shown(shot, cast.size());
        int rows = framing.rows(shot, shown);
        // in two rows, the figures alternate: even places stand in front, odd ones behind, higher and smaller
        int front = rows == 1 ? shown : (shown + 1) / 2;
        // figure height, and where the top of the head sits: a wide shot stands the figures above the caption
        // band, a medium shot cuts at the waist, a close-up fills the frame with the face
        double figH = camera.zoom() * framing.figureHeight(shot, front, w, h);
        double headTop = h * framing.headTop(shot);
        boolean classic = framing.shape() == Framing.Shape.WIDE;
        double left = classic ? 0 : w * framing.safe().x;
        double span = classic ? w : w * framing.safe().width;
        double[] xs = new double[shown];
        for (int i = 0; i < shown; i++) {
            xs[i] = left + span * (i + 1.0) / (shown + 1.0) + (rnd.nextDouble() - 0.5) * w * 0.04 + camera.panX();
        }
        Rectangle[] boxes = new Rectangle[shown];
        Rectangle[] headBoxes = new Rectangle[shown];
        // the back row is drawn first, so the front row stands before it
        for (int pass = rows - 1; pass >= 0; pass--) {
            double rowScale = pass == 0 ? 1 : 0.8;
            for (int i = pass; i < shown; i += rows) {
                Look look = Look.of(cast.get(i).consistencyKey(), cast.get(i).description());
                double cx = xs[i];
                double fh = figH * rowScale;
                if (!classic) {
                    // a head (in a wide shot the whole figure) never leaves the safe width, whatever the take's
                    // camera does
                    double half = shot == ShotType.WIDE
                            ? fh * look.height() * 1.1 * 0.55 / 2
                            : 42 * fh * look.height() / FigurePainter.UNIT_H;
                    cx = Math.max(left + half, Math.min(left + span - half, cx));
                }
                boolean facingLeft = (shown > 1 && cx > w / 2.0) != camera.mirrored();
                FigurePainter.View view = (shot == ShotType.CLOSE_UP || shown == 1) != camera.turned()
                        ? FigurePainter.View.FRONT
                        : FigurePainter.View.THREE_QUARTER;
                double baseY = shot == ShotType.WIDE
                        ? h * framing.floor() - (pass == 0 ? 0 : h * 0.07)
                        : headTop + fh * look.height();
                // a new take also poses its figures anew (the first take keeps them standing, arms down)
                FigurePainter.paint(
                        g, look, cx, baseY, fh, view, FigurePainter.Expression.NEUTRAL, facingLeft, camera.pose(i));
                double realH = fh * look.height() * 1.1; // hats and buns reach above the unit box
                int bw = (int) Math.round(realH * 0.55);
                boxes[i] = new Rectangle((int) Math.round(cx - bw / 2.0), (int) Math.round(baseY - realH), bw, (int)
                                Math.round(realH))
                        .intersection(new Rectangle(0, 0, w, h));
                headBoxes[i] = headBox(look, cx, baseY, fh, w, h);
            }
        }
        for (int i = 0; i < shown; i++) {
            regions.add(List.of(boxes[i].x, boxes[i].y, boxes[i].width, boxes[i].height));
            heads.add(List.of(headBoxes[i].x, headBoxes[i].y, headBoxes[i].width, headBoxes[i].height));
        }
        return regions;
    }

    /**
     * Where the camera stands for a take: take 1 is the classic framing; every further take pans, zooms and
     * turns the figures by its seed, so a new take is a new composition, not the same picture with new noise.
     */
    /** {@code poses} is where the figures' poses start (-1: the first take's, arms down). */
    record Camera(double panX, double zoom, boolean mirrored, boolean turned, int poses) {
        static Camera forTake(int take, long seed, int width) {
            if (take <= 1) {
                return new Camera(0, 1, false, false, -1);
            }
            SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
            double pan = (r.nextBoolean() ? 1 : -1) * (0.06 + r.nextDouble() * 0.10) * width;
            double zoom = r.nextBoolean() ? 0.78 + r.nextDouble() * 0.1 : 1.12 + r.nextDouble() * 0.12;
            boolean mirrored = r.nextBoolean();
            return new Camera(pan, zoom, mirrored, take % 2 == 0, r.nextInt(FigurePainter.Pose.values().length));
        }

        /** How figure {@code i} of the cast holds its arms in this take. */
        FigurePainter.Pose pose(int i) {
            FigurePainter.Pose[] all = FigurePainter.Pose.values();
            return poses < 0 ? FigurePainter.Pose.ARMS_DOWN : all[(poses + i) % all.length];
        }
    }

    enum TimeOfDay {
        DAY,
        DAWN,
        DUSK,
        NIGHT
    }

    /**
     * What the words of the heading and description say about the place; matched in a few languages. The scene's
     * own time of day, when the breakdown found one, decides the sky. Words are matched whole, or as the start of a
     * word where an entry ends with "*" (a stem: "утр*" is утро and утром, not внутри); an Arabic word may carry
     * its article or a conjunction (الليل); Chinese, Japanese and Thai words, which have no spaces around them, are
     * found anywhere. Characters' names are taken out first: Layla (ليلى) holds "night" (ليل), Sandra holds "sand".
     */
    static final class Setting {
        boolean interior;
        TimeOfDay time = TimeOfDay.DAY;
        final List<String> features = new ArrayList<>();

        private static final String[] INTERIOR = {
            "room*",
            "cabin*",
            "kitchen*",
            "office*",
            "house*",
            "inside",
            "hall",
            "bar",
            "café",
            "cafe",
            "комнат*",
            "部屋",
            "室",
            "غرفة",
            "zimmer",
            "chambre"
        };
        private static final String[] NIGHT = {
            "night*", "midnight", "ночь", "ночью", "夜", "ليل", "ليلا", "ليلاً", "ليلة", "nacht*", "nuit", "noche"
        };
        private static final String[] DUSK = {
            "dusk", "evening*", "sunset*", "вечер*", "夕", "مساء", "abend*", "soir*", "tarde"
        };
        private static final String[] DAWN = {
            "dawn", "morning*", "sunrise", "утр*", "朝", "صباح", "morgen*", "matin*", "mañana"
        };
        private static final String[][] FEATURES = {
            {
                "forest", "forest*", "wood", "woods", "tree*", "лес", "леса", "лесу", "森", "غابة", "wald*", "forêt*",
                "bosque*"
            },
            {
                "city", "city", "cities", "street*", "town*", "город*", "улиц*", "街", "مدينة", "شارع", "stadt*",
                "ville*", "ciudad*"
            },
            {
                "water",
                "sea",
                "seas",
                "seaside",
                "ocean*",
                "beach*",
                "lake*",
                "river*",
                "harbour*",
                "harbor*",
                "pier*",
                "dock",
                "docks",
                "quay*",
                "wharf*",
                "port",
                "ferry",
                "boat*",
                "marina",
                "море",
                "моря",
                "морю",
                "морем",
                "морск*",
                "порт*",
                "пристан*",
                "海",
                "川",
                "港",
                "بحر",
                "ميناء",
                "meer*",
                "hafen*",
                "mer",
                "mar",
                "playa*",
                "puerto*",
                "muelle*",
                "porto",
                "cais"
            },
            {"rain", "rain*", "storm*", "дожд*", "雨", "مطر", "regen*", "pluie*", "lluvia*"},
            {"snow", "snow*", "winter*", "снег*", "雪", "ثلج", "schnee*", "neige*", "nieve*"},
            {
                "mountain",
                "mountain*",
                "hill",
                "hills",
                "гора",
                "горы",
                "гору",
                "горах",
                "山",
                "جبل",
                "berg",
                "berge*",
                "montagne*",
                "montaña*"
            },
            {"desert", "desert*", "sand", "sands", "пустын*", "砂漠", "صحراء", "wüste*", "désert*", "desierto*"}
        };

        static Setting of(
                String heading,
                String location,
                String timeOfDay,
                String description,
                String prompt,
                List<String> names) {
            Setting s = new Setting();
            String head = lower(heading);
            String all = withoutNames(
                    String.join(" ", head, lower(location), lower(timeOfDay), lower(description), lower(prompt)),
                    names);
            if (head.startsWith("int") || head.startsWith("i/e") || has(all, INTERIOR)) {
                s.interior = !head.startsWith("ext");
            }
            // the scene's own time of day when it names one; else what the heading and description say
            TimeOfDay own = timeOf(lower(timeOfDay));
            s.time = own != null ? own : timeOf(withoutNames(head + " " + lower(description), names));
            if (s.time == null) {
                s.time = TimeOfDay.DAY;
            }
            for (String[] k : FEATURES) {
                if (has(all, Arrays.copyOfRange(k, 1, k.length))) {
                    s.features.add(k[0]);
                }
            }
            return s;
        }

        private static String lower(String s) {
            return s == null ? "" : s.toLowerCase(Locale.ROOT);
        }

        private static TimeOfDay timeOf(String text) {
            return has(text, NIGHT)
                    ? TimeOfDay.NIGHT
                    : has(text, DUSK) ? TimeOfDay.DUSK : has(text, DAWN) ? TimeOfDay.DAWN : null;
        }

        /** The text with the names taken out, each as a whole word (Eve leaves "evening" whole). */
        private static String withoutNames(String text, List<String> names) {
            String out = text;
            for (String name : names) {
                if (name != null && !name.isBlank()) {
                    String n = lower(name.strip());
                    out = n.codePoints().anyMatch(ScriptClass::isUnspacedScript)
                            ? out.replace(n, " ")
                            : Pattern.compile("(?<![\\p{L}\\p{M}])" + Pattern.quote(n) + "(?![\\p{L}\\p{M}])")
                                    .matcher(out)
                                    .replaceAll(" ");
                }
            }
            return out;
        }

        private static boolean has(String text, String... words) {
            for (String w : words) {
                if (pattern(w).matcher(text).find()) {
                    return true;
                }
            }
            return false;
        }

        private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

        private static Pattern pattern(String word) {
            return PATTERNS.computeIfAbsent(word, w -> {
                boolean stem = w.endsWith("*");
                String core = stem ? w.substring(0, w.length() - 1) : w;
                if (core.codePoints().anyMatch(ScriptClass::isUnspacedScript)) {
                    return Pattern.compile(Pattern.quote(core));
                }
                boolean arabic = core.codePoints()
                        .anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC);
                return Pattern.compile("(?<![\\p{L}\\p{M}])"
                        + (arabic ? "(?:[وفب]?(?:ال|لل)?)" : "")
                        + Pattern.quote(core)
                        + (stem ? "" : "(?![\\p{L}\\p{M}])"));
            });
        }
    }

    private static Color[] sky(TimeOfDay t) {
        return switch (t) {
            case DAY -> new Color[] {new Color(0x5AA9E6), new Color(0xCDE8F6)};
            case DAWN -> new Color[] {new Color(0x7C8FC9), new Color(0xF8C9A0)};
            case DUSK -> new Color[] {new Color(0x3A2E6B), new Color(0xF08A4B)};
            case NIGHT -> new Color[] {new Color(0x070B1F), new Color(0x1E2A4F)};
        };
    }

    private static void drawSetting(Graphics2D g, Setting s, int w, int h, double horizon, SplittableRandom rnd) {
        Color[] sky = sky(s.time);
        double light = s.time == TimeOfDay.NIGHT ? 0.45 : s.time == TimeOfDay.DUSK ? 0.75 : 1.0;
        if (s.interior) {
            // back wall, floor, a window showing the time of day, and a few seeded furnishings
            Color wall = Color.getHSBColor((float) rnd.nextDouble(), 0.18f + (float) rnd.nextDouble() * 0.15f, 0.85f);
            g.setColor(shade(wall, light));
            g.fillRect(-w, -h, 3 * w, 3 * h);
            g.setColor(shade(new Color(0x8B6B4A), light));
            g.fill(new Rectangle2D.Double(-w, horizon, 3 * w, 2 * h));
            g.setColor(shade(new Color(0x6E543A), light));
            g.fill(new Rectangle2D.Double(-w, horizon - 4, 3 * w, 8));
            double wx = w * (0.1 + rnd.nextDouble() * 0.5);
            Rectangle2D window = new Rectangle2D.Double(wx, h * 0.14, w * 0.26, h * 0.3);
            g.setPaint(new GradientPaint(0, (float) window.getY(), sky[0], 0, (float) window.getMaxY(), sky[1]));
            g.fill(window);
            g.setColor(shade(new Color(0xF2EFE8), light));
            g.setStroke(new java.awt.BasicStroke(Math.max(2f, w / 160f)));
            g.draw(window);
            g.draw(new java.awt.geom.Line2D.Double(
                    window.getCenterX(), window.getY(), window.getCenterX(), window.getMaxY()));
            if (s.time == TimeOfDay.NIGHT) {
                g.setColor(new Color(0xF4F1C9));
                g.fill(new Ellipse2D.Double(window.getX() + window.getWidth() * 0.65, window.getY() + 10, 16, 16));
            }
            // door or picture frame on the other side
            double ox = wx + w * 0.35 + rnd.nextDouble() * w * 0.1;
            g.setColor(shade(new Color(0x5C4030), light));
            if (rnd.nextBoolean()) {
                g.fill(new Rectangle2D.Double(ox, h * 0.22, w * 0.12, horizon - h * 0.22));
            } else {
                g.fill(new Rectangle2D.Double(ox, h * 0.18, w * 0.16, h * 0.14));
                g.setColor(Color.getHSBColor((float) rnd.nextDouble(), 0.5f, 0.8f));
                g.fill(new Rectangle2D.Double(ox + 5, h * 0.18 + 5, w * 0.16 - 10, h * 0.14 - 10));
            }
            // table and lamp
            g.setColor(shade(new Color(0x7A4E2D), light));
            double tx = w * (0.55 + rnd.nextDouble() * 0.3);
            g.fill(new RoundRectangle2D.Double(tx, horizon + h * 0.02, w * 0.22, h * 0.04, 6, 6));
            g.fill(new Rectangle2D.Double(tx + w * 0.02, horizon + h * 0.06, w * 0.015, h * 0.12));
            g.fill(new Rectangle2D.Double(tx + w * 0.185, horizon + h * 0.06, w * 0.015, h * 0.12));
            if (s.time == TimeOfDay.NIGHT || s.time == TimeOfDay.DUSK) {
                g.setColor(new Color(255, 230, 150, 90));
                g.fill(new Ellipse2D.Double(tx - w * 0.05, horizon - h * 0.25, w * 0.3, h * 0.3));
            }
            g.setColor(new Color(0xE9D38A));
            g.fill(new Path2D.Double(new java.awt.Polygon(
                    new int[] {
                        (int) (tx + w * 0.06), (int) (tx + w * 0.12), (int) (tx + w * 0.105), (int) (tx + w * 0.075)
                    },
                    new int[] {
                        (int) (horizon - h * 0.03),
                        (int) (horizon - h * 0.03),
                        (int) (horizon - h * 0.1),
                        (int) (horizon - h * 0.1)
                    },
                    4)));
            return;
        }
        // exterior: sky gradient, sun or moon, distant shapes by feature, ground
        g.setPaint(new GradientPaint(0, 0, sky[0], 0, (float) horizon, sky[1]));
        g.fillRect(-w, -h, 3 * w, (int) (h + horizon + 1));
        if (s.time == TimeOfDay.NIGHT) {
            g.setColor(new Color(255, 255, 230));
            for (int i = 0; i < 60; i++) {
                double x = rnd.nextDouble() * w;
                double y = rnd.nextDouble() * horizon * 0.9;
                double r = 1 + rnd.nextDouble() * 1.6;
                g.fill(new Ellipse2D.Double(x, y, r, r));
            }
            g.setColor(new Color(0xF4F1C9));
            g.fill(new Ellipse2D.Double(w * (0.1 + rnd.nextDouble() * 0.7), h * 0.08, h * 0.1, h * 0.1));
        } else {
            double sunY = s.time == TimeOfDay.DAY ? h * 0.1 : horizon - h * 0.16;
            g.setColor(s.time == TimeOfDay.DAY ? new Color(0xFFF2A8) : new Color(0xFFB36B));
            g.fill(new Ellipse2D.Double(w * (0.1 + rnd.nextDouble() * 0.7), sunY, h * 0.12, h * 0.12));
        }
        Color ground = s.features.contains("desert")
                ? new Color(0xD8B77A)
                : s.features.contains("snow")
                        ? new Color(0xEEF3F7)
                        : s.features.contains("city") ? new Color(0x6C6F75) : new Color(0x5E9E4A);
        if (s.features.contains("mountain")) {
            g.setColor(shade(new Color(0x7D8597), light));
            for (int i = 0; i < 3; i++) {
                double mx = rnd.nextDouble() * w;
                double mw = w * (0.35 + rnd.nextDouble() * 0.3);
                g.fill(new java.awt.Polygon(
                        new int[] {(int) (mx - mw / 2), (int) mx, (int) (mx + mw / 2)},
                        new int[] {(int) horizon, (int) (horizon - h * (0.25 + rnd.nextDouble() * 0.15)), (int) horizon
                        },
                        3));
            }
        }
        if (s.features.contains("city")) {
            for (int x = -w / 10; x < w * 1.1; ) {
                int bw = (int) (w * (0.06 + rnd.nextDouble() * 0.08));
                int bh = (int) (h * (0.15 + rnd.nextDouble() * 0.3));
                g.setColor(shade(Color.getHSBColor(0.6f, 0.1f, 0.35f + (float) rnd.nextDouble() * 0.25f), light));
                g.fillRect(x, (int) horizon - bh, bw, bh);
                g.setColor(s.time == TimeOfDay.NIGHT ? new Color(0xFFE48A) : shade(new Color(0xA9C6DA), light));
                for (int wy = (int) horizon - bh + 6; wy < horizon - 8; wy += 12) {
                    for (int wx = x + 4; wx < x + bw - 6; wx += 10) {
                        if (rnd.nextDouble() < 0.6) {
                            g.fillRect(wx, wy, 4, 5);
                        }
                    }
                }
                x += bw + (int) (rnd.nextDouble() * w * 0.02);
            }
        }
        g.setColor(shade(ground, light));
        g.fill(new Rectangle2D.Double(-w, horizon, 3 * w, 2 * h));
        if (s.features.contains("water")) {
            g.setColor(shade(new Color(0x2F6FA3), light));
            g.fill(new Rectangle2D.Double(-w, horizon, 3 * w, h * 0.12));
        }
        int trees = s.features.contains("forest")
                ? 14
                : s.features.contains("city") || s.features.contains("desert") ? 0 : 4;
        for (int i = 0; i < trees; i++) {
            double x = rnd.nextDouble() * w;
            double th = h * (0.12 + rnd.nextDouble() * 0.14);
            double base = horizon + rnd.nextDouble() * h * 0.05;
            g.setColor(shade(new Color(0x5B3A22), light));
            g.fill(new Rectangle2D.Double(x - th * 0.05, base - th * 0.4, th * 0.1, th * 0.4));
            g.setColor(shade(Color.getHSBColor(0.28f + (float) rnd.nextDouble() * 0.08f, 0.6f, 0.45f), light));
            g.fill(new Ellipse2D.Double(x - th * 0.3, base - th, th * 0.6, th * 0.7));
        }
        if (s.features.contains("rain") || s.features.contains("snow")) {
            boolean snow = s.features.contains("snow");
            g.setColor(snow ? new Color(255, 255, 255, 200) : new Color(200, 220, 255, 140));
            for (int i = 0; i < 160; i++) {
                double x = rnd.nextDouble() * w;
                double y = rnd.nextDouble() * h;
                if (snow) {
                    g.fill(new Ellipse2D.Double(x, y, 3, 3));
                } else {
                    g.draw(new java.awt.geom.Line2D.Double(x, y, x - 3, y + 12));
                }
            }
        }
    }

    private static Graphics2D prepare(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        // fractional metrics keep glyph positions independent of the output device's integer rounding
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        return g;
    }

    private static Locale localeOf(String language) {
        return language == null || language.isBlank() ? Locale.ROOT : Locale.forLanguageTag(language);
    }

    private static Color mix(Color a, Color b, double t) {
        return new Color(
                (int) Math.round(a.getRed() * (1 - t) + b.getRed() * t),
                (int) Math.round(a.getGreen() * (1 - t) + b.getGreen() * t),
                (int) Math.round(a.getBlue() * (1 - t) + b.getBlue() * t));
    }

    private static Color shade(Color c, double f) {
        return new Color((int) Math.round(c.getRed() * f), (int) Math.round(c.getGreen() * f), (int)
                Math.round(c.getBlue() * f));
    }

    static byte[] png(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new StudioException("Cannot encode the image as PNG: " + e.getMessage(), e);
        }
    }
}
