package ai.cinboard.generation.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.generation.CharacterLook;
import ai.cinboard.generation.CharacterSheetRequest;
import ai.cinboard.generation.GeneratedImage;
import ai.cinboard.generation.KeyframeRequest;
import ai.cinboard.generation.Progress;
import ai.cinboard.generation.ShotType;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class LocalImageEngineTest {
    final LocalImageEngine engine = new LocalImageEngine();

    static CharacterLook look(String name, String key) {
        return new CharacterLook(name, "", key, null);
    }

    static BufferedImage decode(GeneratedImage img) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(img.bytes()));
    }

    static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    GeneratedImage sheet(String key, int variation) {
        return engine.characterSheet(new CharacterSheetRequest(look("Mara", key), variation, 256, 384), Progress.NONE);
    }

    @Test
    void sameKeyGivesByteIdenticalSheet() throws Exception {
        GeneratedImage a = sheet("char:mara:7f3a", 0);
        GeneratedImage b = sheet("char:mara:7f3a", 0);
        assertEquals(sha(a.bytes()), sha(b.bytes()));
        assertEquals("image/png", a.contentType());
        assertEquals(a.generationParams(), b.generationParams());
    }

    @Test
    void differentKeysAreClearlyDifferent() throws Exception {
        String[] keys = {"char:mara:7f3a", "char:ivan:11c0", "char:yuki:9d42", "char:omar:5b18"};
        for (int i = 0; i < keys.length; i++) {
            for (int j = i + 1; j < keys.length; j++) {
                GeneratedImage a = sheet(keys[i], 0);
                GeneratedImage b = sheet(keys[j], 0);
                assertNotEquals(sha(a.bytes()), sha(b.bytes()));
                assertNotEquals(
                        a.generationParams().get("palette"),
                        b.generationParams().get("palette"));
                // perceptually apart, not just a few pixels: the figures' hashes differ in many bits
                Rectangle r = LocalImageEngine.sheetFigureRegion(256, 384);
                int d = Long.bitCount(QualityScores.pHash(decode(a).getSubimage(r.x, r.y, r.width, r.height))
                        ^ QualityScores.pHash(decode(b).getSubimage(r.x, r.y, r.width, r.height)));
                assertTrue(d >= 6, keys[i] + " vs " + keys[j] + " differ in only " + d + " pHash bits");
            }
        }
    }

    @Test
    void variationsKeepTheLookButChangeTheView() throws Exception {
        GeneratedImage front = sheet("char:mara:7f3a", 0);
        assertEquals("front", front.generationParams().get("view"));
        for (int v = 1; v <= 4; v++) {
            GeneratedImage var = sheet("char:mara:7f3a", v);
            assertEquals(
                    front.generationParams().get("palette"),
                    var.generationParams().get("palette"));
            assertNotEquals(sha(front.bytes()), sha(var.bytes()), "variation " + v);
        }
        assertEquals("profile", sheet("char:mara:7f3a", 2).generationParams().get("view"));
    }

    static KeyframeRequest kf(String caption, String lang, ShotType shot, List<CharacterLook> cast) {
        return new KeyframeRequest(
                "EXT. HARBOUR - NIGHT",
                "harbour",
                "night",
                "Rain over the sea.",
                "",
                caption,
                lang,
                shot,
                cast,
                42L,
                320,
                180);
    }

    @Test
    void captionsInJapaneseArabicAndRussianUseAFontThatCoversThem() throws Exception {
        List<CharacterLook> cast = List.of(look("Mara", "char:mara:7f3a"));
        String[][] cases = {
            {"ja", "夜の港で、マラは古い灯台の光が消えるのを見ていた。長い間、誰も来なかった。"},
            {"ar", "في الليل، كانت مارا تنظر إلى ضوء المنارة القديمة وهو ينطفئ فوق البحر."},
            {"ru", "Ночью в порту Мара смотрела, как гаснет свет старого маяка над морем."}
        };
        for (String[] c : cases) {
            Font f = CaptionFonts.fontFor(c[1], 12f);
            assertEquals(-1, f.canDisplayUpTo(c[1]), c[0] + " caption would show tofu with " + f.getFontName());
            assertNotEquals(Font.SANS_SERIF, f.getFamily(), "should be a real font file, not the logical fallback");
            GeneratedImage with = engine.keyframe(kf(c[1], c[0], ShotType.WIDE, cast), Progress.NONE);
            GeneratedImage without = engine.keyframe(kf("", c[0], ShotType.WIDE, cast), Progress.NONE);
            assertEquals(
                    f.getFontName(java.util.Locale.ROOT),
                    with.generationParams().get("caption_font"));
            // the caption band really carries glyphs: many bright pixels in it that the captionless frame lacks
            BufferedImage a = decode(with);
            BufferedImage b = decode(without);
            int bright = 0;
            for (int y = (int) (180 * 0.8); y < 180; y++) {
                for (int x = 0; x < 320; x++) {
                    int p = a.getRGB(x, y);
                    if (((p >> 16) & 0xff) > 200
                            && ((p >> 8) & 0xff) > 200
                            && (p & 0xff) > 200
                            && p != b.getRGB(x, y)) {
                        bright++;
                    }
                }
            }
            assertTrue(bright > 150, c[0] + ": only " + bright + " caption pixels");
        }
    }

    @Test
    void keyframesAreDeterministicAndShotTypeChangesFraming() throws Exception {
        List<CharacterLook> cast = List.of(look("Mara", "char:mara:7f3a"), look("Ivan", "char:ivan:11c0"));
        GeneratedImage w1 = engine.keyframe(kf("Hi", "en", ShotType.WIDE, cast), Progress.NONE);
        GeneratedImage w2 = engine.keyframe(kf("Hi", "en", ShotType.WIDE, cast), Progress.NONE);
        assertArrayEquals(w1.bytes(), w2.bytes());
        GeneratedImage m = engine.keyframe(kf("Hi", "en", ShotType.MEDIUM, cast), Progress.NONE);
        GeneratedImage c = engine.keyframe(kf("Hi", "en", ShotType.CLOSE_UP, cast), Progress.NONE);
        List<?> wr = (List<?>) w1.generationParams().get("figure_regions");
        List<?> mr = (List<?>) m.generationParams().get("figure_regions");
        List<?> cr = (List<?>) c.generationParams().get("figure_regions");
        assertEquals(2, wr.size(), "wide shows the whole cast");
        assertEquals(1, cr.size(), "close-up shows one character");
        int wideArea = area(wr.get(0));
        int mediumArea = area(mr.get(0));
        int closeArea = area(cr.get(0));
        assertTrue(wideArea < mediumArea && mediumArea <= closeArea, wideArea + " " + mediumArea + " " + closeArea);
        assertNotEquals(sha(w1.bytes()), sha(m.bytes()));
        assertEquals("night", w1.generationParams().get("time_of_day"));
        assertEquals(false, w1.generationParams().get("interior"));
        assertTrue(((List<?>) w1.generationParams().get("features")).contains("water"));
    }

    private static int area(Object region) {
        List<?> r = (List<?>) region;
        return ((Integer) r.get(2)) * ((Integer) r.get(3));
    }

    /** Words are read whole or from a word's start, never inside a name or another word. */
    @Test
    void theSettingIsReadFromWholeWordsNotFromInsideNames() {
        // Layla (ليلى) holds "night" (ليل); the scene's own time of day decides the sky
        LocalImageEngine.Setting market = LocalImageEngine.Setting.of(
                "السوق · الصباح", "السوق", "الصباح", "كانت ليلى تنتظره عند الباب.", "", List.of("ليلى"));
        assertEquals(LocalImageEngine.TimeOfDay.DAWN, market.time);
        LocalImageEngine.Setting night =
                LocalImageEngine.Setting.of("الليل", null, null, "قرأت ليلى الرسالة في الليل.", "", List.of("ليلى"));
        assertEquals(LocalImageEngine.TimeOfDay.NIGHT, night.time, "الليل is night, with its article");
        // Sandra holds "sand", Mara "mar", Marktplatz "mar", summer "mer", внутри "утр", город "гор"
        assertEquals(
                List.of(),
                LocalImageEngine.Setting.of(
                                "Field", null, null, "Sandra and Mara walk in summer.", "", List.of("Sandra", "Mara"))
                        .features);
        assertEquals(
                List.of(),
                LocalImageEngine.Setting.of("Marktplatz", "Marktplatz", null, "Im Zimmer ist es warm.", "", List.of())
                        .features);
        LocalImageEngine.Setting city =
                LocalImageEngine.Setting.of("Город", null, null, "Внутри было тихо, Анна ждала.", "", List.of("Анна"));
        assertEquals(List.of("city"), city.features, "город is a city, not a mountain");
        assertEquals(LocalImageEngine.TimeOfDay.DAY, city.time, "внутри is not утро");
        assertEquals(
                List.of("water", "desert"),
                LocalImageEngine.Setting.of("Beach", null, null, "The sea and the sand dunes.", "", List.of())
                        .features);
        assertEquals(
                LocalImageEngine.TimeOfDay.DUSK,
                LocalImageEngine.Setting.of("Вокзал", null, "Вечером", "", "", List.of()).time);
        assertEquals(
                List.of("water"), LocalImageEngine.Setting.of("海辺", null, "夜", "ユキは海を見た。", "", List.of("ユキ")).features);
        // a name is taken out as a word: Eve leaves "evening", Chen leaves "kitchen"
        LocalImageEngine.Setting eve = LocalImageEngine.Setting.of(
                "Kitchen", null, null, "Eve and Chen cook in the kitchen this evening.", "", List.of("Eve", "Chen"));
        assertEquals(LocalImageEngine.TimeOfDay.DUSK, eve.time);
        assertTrue(eve.interior, "kitchen");
        // мороз is frost, not the sea; ليلة is a night; a time of day that names no time leaves it to the text
        assertEquals(
                List.of(), LocalImageEngine.Setting.of("Двор", null, null, "Стоял мороз.", "", List.of()).features);
        assertEquals(
                LocalImageEngine.TimeOfDay.NIGHT,
                LocalImageEngine.Setting.of("البيت", null, null, "في ليلة باردة", "", List.of()).time);
        assertEquals(
                LocalImageEngine.TimeOfDay.NIGHT,
                LocalImageEngine.Setting.of("Field", null, "Meanwhile", "under the dark night sky", "", List.of())
                        .time);
    }

    @Test
    void nightSkyIsDarkerThanDaySkyAndInteriorsDiffer() throws Exception {
        KeyframeRequest night = kf("", "en", ShotType.WIDE, List.of());
        KeyframeRequest day = new KeyframeRequest(
                "EXT. HARBOUR - DAY", "harbour", "day", "", "", "", "en", ShotType.WIDE, List.of(), 42L, 320, 180);
        KeyframeRequest interior = new KeyframeRequest(
                "INT. KITCHEN - DAY", "kitchen", "day", "", "", "", "en", ShotType.WIDE, List.of(), 42L, 320, 180);
        double nightTop = meanLuma(decode(engine.keyframe(night, Progress.NONE)), 0, 40);
        double dayTop = meanLuma(decode(engine.keyframe(day, Progress.NONE)), 0, 40);
        assertTrue(nightTop + 60 < dayTop, "night " + nightTop + " vs day " + dayTop);
        assertEquals(
                true,
                engine.keyframe(interior, Progress.NONE).generationParams().get("interior"));
    }

    private static double meanLuma(BufferedImage img, int y0, int y1) {
        double s = 0;
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                s += 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
                n++;
            }
        }
        return s / n;
    }

    /** The offline engine has no model to read a description, so it reads the words a look is made of. */
    @Test
    void aDescriptionsColoursGlassesAndHatChangeTheLookAndNothingElseDoes() {
        String key = "ck-description-test";
        Look base = Look.of(key);
        assertEquals(base, Look.of(key, "She had come to find her brother."), "no look words: the key's look");
        Look mara = Look.of(key, "A young woman with short red hair, a green raincoat and round glasses.");
        assertEquals(new java.awt.Color(0xB0302A), mara.hair());
        assertEquals(new java.awt.Color(0x3E8E41), mara.outfit());
        assertEquals(Look.Accessory.GLASSES, mara.accessory());
        assertEquals(base.skin(), mara.skin(), "what the description doesn't say stays the key's");
        Look lena = Look.of(key, "Lena hatte rote Haare und trug ihre grüne Regenjacke.");
        assertEquals(mara.hair(), lena.hair());
        assertEquals(mara.outfit(), lena.outfit());
        Look waipo = Look.of(key, "外婆头发花白，总是穿着蓝布衫。");
        assertEquals(new java.awt.Color(0x2F5DA8), waipo.outfit());
        Look oskar = Look.of(key, "The ferryman, a bald man in a navy wool coat.");
        assertEquals(Look.HairStyle.BALD, oskar.hairStyle());
        assertEquals(new java.awt.Color(0x1F2A4A), oskar.outfit());
    }

    /** A new take of a sheet is another picture of the same look: turned, another expression, the arms posed anew. */
    @Test
    void aSheetsFurtherTakesTurnAndPoseTheFigure() {
        CharacterLook mara = look("Mara", "ck-take-test");
        GeneratedImage first = engine.characterSheet(new CharacterSheetRequest(mara, 0, 256, 384, 1), Progress.NONE);
        GeneratedImage second = engine.characterSheet(new CharacterSheetRequest(mara, 0, 256, 384, 2), Progress.NONE);
        GeneratedImage third = engine.characterSheet(new CharacterSheetRequest(mara, 0, 256, 384, 3), Progress.NONE);
        assertEquals("front", first.generationParams().get("view"));
        assertEquals("three_quarter", second.generationParams().get("view"));
        assertEquals("arms_down", first.generationParams().get("pose"));
        assertEquals("hand_raised", second.generationParams().get("pose"));
        assertEquals("arms_out", third.generationParams().get("pose"));
        assertFalse(java.util.Arrays.equals(first.bytes(), third.bytes()));
        assertEquals(
                first.generationParams().get("palette"),
                third.generationParams().get("palette"),
                "the look is the same person's in every take");
    }
}
