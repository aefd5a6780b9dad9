package ai.cinboard.domain;

/**
 * Which family of writing system a text is mostly in. It decides how words are counted (reading time),
 * how names are found (capitals or not) and how terms are matched (word boundaries or substrings), in intake
 * and in the offline engine's reading of a scene's setting.
 */
public enum ScriptClass {
    /** Words separated by spaces and names capitalised: Latin, Cyrillic, Greek, Armenian, Georgian. */
    SPACED_CASED,
    /** Words separated by spaces but no capital letters: Arabic, Hebrew, Devanagari, Hangul... */
    SPACED_UNCASED,
    /** No spaces between words: Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar. */
    UNSPACED;

    public static ScriptClass of(String text) {
        long cased = 0;
        long uncased = 0;
        long unspaced = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += java.lang.Character.charCount(cp);
            if (!java.lang.Character.isLetter(cp)) {
                continue;
            }
            if (isUnspacedScript(cp)) {
                unspaced++;
            } else if (java.lang.Character.isUpperCase(cp) || java.lang.Character.isLowerCase(cp)) {
                cased++;
            } else {
                uncased++;
            }
        }
        if (unspaced >= cased && unspaced >= uncased && unspaced > 0) {
            return UNSPACED;
        }
        return uncased > cased ? SPACED_UNCASED : SPACED_CASED;
    }

    public static boolean isUnspacedScript(int cp) {
        java.lang.Character.UnicodeScript script = java.lang.Character.UnicodeScript.of(cp);
        return switch (script) {
            case HAN, HIRAGANA, KATAKANA, THAI, LAO, KHMER, MYANMAR, TIBETAN -> true;
            default -> false;
        };
    }

    public static boolean isCjkHeavy(String s) {
        return of(s) == UNSPACED;
    }
}
