package ai.cinboard.generation.local;

import ai.cinboard.domain.ScriptClass;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a character's description says about how they look, read for the offline engine, which has no model to
 * read it: a hair colour ("red hair", "rote Haare", "седые волосы", "金髪"), a clothing colour ("a green raincoat",
 * "eine grüne Regenjacke", "синее пальто", "蓝布衫"), glasses, a hat or a scarf, a bald head or a bun. A colour
 * counts when it stands within a few words of the hair or clothing word (a few characters in unspaced scripts).
 * Anything the description doesn't say keeps the look the consistency key gives.
 */
final class LookWords {
    private LookWords() {}

    private record Hue(Color color, Pattern words) {}

    private static Hue hue(int rgb, String... words) {
        return new Hue(new Color(rgb), alternatives(words));
    }

    /** Colours in the languages the corpus has most, stems marked with a trailing *. */
    private static final List<Hue> HUES = List.of(
            hue(
                    0xB0302A,
                    "red",
                    "scarlet",
                    "crimson",
                    "rot*",
                    "rouge*",
                    "roj*",
                    "ross*",
                    "vermelh*",
                    "красн*",
                    "赤",
                    "红",
                    "紅",
                    "أحمر",
                    "حمراء",
                    "kırmızı",
                    "czerwon*"),
            hue(0xB5452B, "ginger", "auburn", "roux", "rousse*", "pelirroj*", "рыж*"),
            hue(
                    0x3E8E41, "green", "grün*", "vert*", "verde*", "зелён*", "зелен*", "緑", "绿", "綠", "أخضر", "خضراء",
                    "yeşil", "zielon*"),
            hue(
                    0x2F5DA8,
                    "blue",
                    "blau*",
                    "bleu*",
                    "azul*",
                    "blu",
                    "син*",
                    "голуб*",
                    "青",
                    "蓝",
                    "藍",
                    "أزرق",
                    "زرقاء",
                    "mavi",
                    "niebiesk*"),
            hue(0x1F2A4A, "navy"),
            hue(
                    0xE3C04A,
                    "yellow",
                    "gelb*",
                    "jaune*",
                    "amarill*",
                    "giall*",
                    "amarel*",
                    "жёлт*",
                    "желт*",
                    "黄",
                    "黃",
                    "أصفر",
                    "sarı",
                    "żółt*"),
            hue(0xE8D28F, "blond", "blonde", "fair-haired", "rubi*", "блондин*", "金髪", "金发", "金髮", "sarışın"),
            hue(
                    0x1B1B1B,
                    "black",
                    "dark",
                    "schwarz*",
                    "noir*",
                    "negr*",
                    "ner*",
                    "pret*",
                    "чёрн*",
                    "черн*",
                    "黒",
                    "黑",
                    "أسود",
                    "سوداء",
                    "siyah",
                    "czarn*"),
            hue(
                    0xEDEDED, "white", "weiß*", "blanc*", "bianc*", "branc*", "бел*", "白", "أبيض", "بيضاء", "beyaz",
                    "biał*"),
            hue(
                    0x9E9E9E, "grey", "gray", "silver", "grau*", "gris*", "grigi*", "cinz*", "сер*", "сед*", "灰", "银",
                    "銀", "رمادي", "gri", "siw*", "szar*"),
            hue(
                    0x6A4E2F,
                    "brown",
                    "braun*",
                    "brun*",
                    "marr*",
                    "castañ*",
                    "marron*",
                    "castanh*",
                    "коричнев*",
                    "茶色",
                    "棕",
                    "褐",
                    "بني",
                    "kahverengi",
                    "brąz*"),
            hue(
                    0x6B3FA0,
                    "purple",
                    "violet",
                    "lila",
                    "violett*",
                    "morad*",
                    "viola",
                    "roxo*",
                    "фиолетов*",
                    "紫",
                    "بنفسجي",
                    "mor",
                    "fiolet*"),
            hue(
                    0xE07B2A,
                    "orange",
                    "naranja",
                    "arancion*",
                    "laranja",
                    "оранжев*",
                    "橙",
                    "برتقالي",
                    "turuncu",
                    "pomarańcz*"),
            hue(0xE58FB0, "pink", "rosa", "rose", "розов*", "粉", "ピンク", "وردي", "pembe", "różow*"));

    private static final Pattern HAIR = alternatives(
            "hair*",
            "haar*",
            "cheveux",
            "pelo",
            "cabello*",
            "capelli",
            "cabelo*",
            "волос*",
            "髪",
            "头发",
            "頭髮",
            "شعر",
            "saç*",
            "włos*",
            "haired");

    private static final Pattern CLOTHES = alternatives(
            "coat*",
            "raincoat*",
            "jacket*",
            "dress*",
            "sweater*",
            "jumper*",
            "shirt*",
            "cardigan*",
            "apron*",
            "uniform*",
            "suit",
            "vest*",
            "hoodie*",
            "overalls",
            "mantel*",
            "jacke*",
            "regenjacke*",
            "kleid*",
            "pullover*",
            "hemd*",
            "schürze*",
            "manteau*",
            "veste*",
            "robe*",
            "pull",
            "chemise*",
            "tablier*",
            "abrigo*",
            "chaqueta*",
            "vestido*",
            "camisa*",
            "delantal*",
            "impermeable*",
            "cappotto*",
            "giacca*",
            "casaco*",
            "пальто",
            "куртк*",
            "плать*",
            "рубашк*",
            "свитер*",
            "фартук*",
            "外套",
            "大衣",
            "衣服",
            "裙",
            "衫",
            "コート",
            "ジャケット",
            "エプロン",
            "ドレス",
            "シャツ",
            "معطف",
            "فستان",
            "قميص",
            "ceket*",
            "palto*",
            "elbise*",
            "płaszcz*",
            "kurtk*",
            "sukienk*");

    private static final Pattern GLASSES = alternatives(
            "glasses",
            "spectacles",
            "brille*",
            "lunettes",
            "gafas",
            "occhiali",
            "óculos",
            "очк*",
            "眼鏡",
            "メガネ",
            "眼镜",
            "نظارة",
            "نظارات",
            "gözlük*",
            "okular*");
    private static final Pattern HAT = alternatives(
            "hat",
            "cap",
            "mütze*",
            "chapeau*",
            "casquette*",
            "sombrero*",
            "gorra*",
            "cappello*",
            "chapéu*",
            "шляп*",
            "кепк*",
            "帽子",
            "قبعة",
            "şapka*",
            "kapelusz*",
            "czapk*");
    private static final Pattern SCARF = alternatives(
            "scarf",
            "schal*",
            "écharpe*",
            "bufanda*",
            "sciarpa*",
            "cachecol*",
            "шарф*",
            "マフラー",
            "围巾",
            "وشاح",
            "atkı*",
            "szalik*");
    private static final Pattern BALD =
            alternatives("bald", "glatze*", "chauve*", "calvo*", "careca", "лыс*", "禿", "光头", "أصلع", "kel", "łys*");
    private static final Pattern BUN =
            alternatives("bun", "dutt", "chignon", "moño", "chignon", "coque", "пучок", "お団子", "发髻", "topuz");

    /** The look the key gives, with what {@code description} says in its place. */
    static Look apply(Look base, String description) {
        if (description == null || description.isBlank()) {
            return base;
        }
        String text = description.toLowerCase(Locale.ROOT);
        Color hair = near(text, HAIR);
        Color outfit = near(text, CLOTHES);
        Look.HairStyle style = BALD.matcher(text).find()
                ? Look.HairStyle.BALD
                : BUN.matcher(text).find() ? Look.HairStyle.BUN : base.hairStyle();
        Look.Accessory accessory = GLASSES.matcher(text).find()
                ? Look.Accessory.GLASSES
                : HAT.matcher(text).find()
                        ? Look.Accessory.HAT
                        : SCARF.matcher(text).find() ? Look.Accessory.SCARF : base.accessory();
        return new Look(
                base.skin(),
                hair == null ? base.hair() : hair,
                outfit == null ? base.outfit() : outfit,
                base.accent(),
                base.eyes(),
                base.headWidth(),
                base.bodyWidth(),
                base.height(),
                style,
                accessory);
    }

    /** Words either side of a noun that its colour may stand in ("a long green woollen coat", "Haare, rot"). */
    private static final int WINDOW_WORDS = 3;
    /** The same span in an unspaced script: characters, not words ("穿着蓝布衫", "赤いコート"). */
    private static final int WINDOW_CHARS = 4;

    /** The colour named nearest to a word of {@code nouns}, or null. */
    private static Color near(String text, Pattern nouns) {
        Matcher noun = nouns.matcher(text);
        while (noun.find()) {
            boolean unspaced = noun.group().codePoints().anyMatch(ScriptClass::isUnspacedScript);
            int from = unspaced ? Math.max(0, noun.start() - WINDOW_CHARS) : wordsBefore(text, noun.start());
            int to = unspaced ? Math.min(text.length(), noun.end() + WINDOW_CHARS) : wordsAfter(text, noun.end());
            String span = text.substring(from, to);
            Color best = null;
            int distance = Integer.MAX_VALUE;
            for (Hue h : HUES) {
                Matcher m = h.words().matcher(span);
                while (m.find()) {
                    int d = Math.abs(from + m.start() - noun.start());
                    if (d < distance) {
                        distance = d;
                        best = h.color();
                    }
                }
            }
            if (best != null) {
                return best;
            }
        }
        return null;
    }

    private static int wordsBefore(String text, int at) {
        int i = at;
        for (int words = 0; words < WINDOW_WORDS && i > 0; words++) {
            i--;
            while (i > 0 && Character.isWhitespace(text.charAt(i))) i--;
            while (i > 0 && !Character.isWhitespace(text.charAt(i - 1)) && ".;!?".indexOf(text.charAt(i - 1)) < 0) {
                i--;
            }
        }
        return i;
    }

    private static int wordsAfter(String text, int at) {
        int i = at;
        for (int words = 0; words < WINDOW_WORDS && i < text.length(); words++) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && ".;!?".indexOf(text.charAt(i)) < 0) {
                i++;
            }
        }
        return i;
    }

    /** Whole words in spaced scripts (a trailing * lets letters follow); substrings in unspaced ones. */
    private static Pattern alternatives(String... words) {
        List<String> parts = new ArrayList<>();
        for (String w : words) {
            boolean stem = w.endsWith("*");
            String core = Pattern.quote(stem ? w.substring(0, w.length() - 1) : w);
            boolean unspaced = w.codePoints().anyMatch(ScriptClass::isUnspacedScript);
            parts.add(
                    unspaced
                            ? core
                            : "(?<![\\p{L}\\p{M}])" + core + (stem ? "[\\p{L}\\p{M}]*" : "") + "(?![\\p{L}\\p{M}])");
        }
        return Pattern.compile(String.join("|", parts), Pattern.UNICODE_CASE | Pattern.CASE_INSENSITIVE);
    }
}
