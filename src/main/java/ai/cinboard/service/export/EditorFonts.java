package ai.cinboard.service.export;

import ai.cinboard.domain.SubtitleStyle;
import java.util.Locale;
import java.util.Map;

/**
 * The font an editor's captions are set in, by the story's language: one that has its script, by the name macOS
 * (where Final Cut runs, and most Premiere and Resolve seats) installs it under. Helvetica has no Japanese,
 * Chinese, Korean, Arabic, Hebrew, Thai or Devanagari glyphs; the editor would draw boxes or pick a fallback.
 */
final class EditorFonts {
    private static final Map<String, String> BY_LANGUAGE = Map.of(
            "ja", "Hiragino Sans",
            "zh", "PingFang SC",
            "ko", "Apple SD Gothic Neo",
            "ar", "Geeza Pro",
            "fa", "Geeza Pro",
            "he", "Arial Hebrew",
            "th", "Thonburi",
            "hi", "Kohinoor Devanagari");

    private EditorFonts() {}

    static String forCaptions(String language, SubtitleStyle.Face face) {
        String lang = language == null ? "" : language.toLowerCase(Locale.ROOT).split("[-_]")[0];
        String script = BY_LANGUAGE.get(lang);
        if (script != null) {
            return script;
        }
        return face == SubtitleStyle.Face.SERIF ? "Times New Roman" : "Helvetica";
    }
}
