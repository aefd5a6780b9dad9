package ai.cinboard.text.breakdown;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.ja.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Japanese person names from Lucene's Kuromoji morphological analyser (IPADIC): tokens tagged
 * 名詞-固有名詞-人名 (person name, surname or given name), a surname and a given name next to each other joined
 * into one name. Kanji names such as 美咲 carry no particle pattern or katakana to find them by, which is why
 * this exists. A name counts when it recurs, or once when an honorific follows it (佐藤先生, named with it).
 * IPADIC does not know many given names (陽菜 comes out as the nouns 陽 and 菜): two or three single-kanji
 * nouns that the dictionary could not read as one word, standing as the subject (before は or が) in two
 * places, are a name too.
 * Kuromoji's dictionary loads on the first Japanese story only: nothing else touches this class.
 */
final class JapaneseNames {
    private static final String PERSON = "名詞-固有名詞-人名";
    private static final String COMMON_NOUN = "名詞-一般";
    private static final Pattern HONORIFIC = Pattern.compile("^(?:先生|さん|くん|君|ちゃん|様|さま|先輩|氏)");

    private JapaneseNames() {}

    /** True for text with hiragana or katakana: Chinese shares the kanji but not the kana. */
    static boolean isJapanese(String text) {
        return text.codePoints().anyMatch(cp -> {
            Character.UnicodeScript s = Character.UnicodeScript.of(cp);
            return s == Character.UnicodeScript.HIRAGANA || s == Character.UnicodeScript.KATAKANA;
        });
    }

    /** Names in order of first appearance, each with its first offset. */
    static Map<String, Integer> find(String text) {
        Map<String, Integer> first = new LinkedHashMap<>();
        Map<String, Integer> count = new LinkedHashMap<>();
        Map<String, Boolean> titled = new LinkedHashMap<>();
        Map<String, Integer> unreadSubjects = new LinkedHashMap<>();
        Map<String, Integer> unreadFirst = new LinkedHashMap<>();
        try (JapaneseTokenizer tokens = new JapaneseTokenizer(null, true, JapaneseTokenizer.Mode.NORMAL)) {
            tokens.setReader(new StringReader(text));
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            PartOfSpeechAttribute pos = tokens.addAttribute(PartOfSpeechAttribute.class);
            OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
            tokens.reset();
            String name = null;
            int start = -1;
            int end = -1;
            StringBuilder unread = new StringBuilder(); // single-kanji nouns in a row: 陽 + 菜
            int unreadStart = -1;
            boolean unreadOpensPhrase = false;
            String previousTag = "";
            int previousEnd = -1;
            while (tokens.incrementToken()) {
                String tag = pos.getPartOfSpeech();
                String word = term.toString();
                boolean singleKanji = word.length() == 1
                        && Character.UnicodeScript.of(word.charAt(0)) == Character.UnicodeScript.HAN
                        && tag != null
                        && tag.startsWith(COMMON_NOUN);
                if (singleKanji && !unread.isEmpty() && offset.startOffset() == unreadStart + unread.length()) {
                    unread.append(word);
                } else {
                    boolean subject = (word.equals("は") || word.equals("が")) && tag != null && tag.startsWith("助詞");
                    if (subject && unreadOpensPhrase && unread.length() >= 2 && unread.length() <= 3) {
                        unreadSubjects.merge(unread.toString(), 1, Integer::sum);
                        unreadFirst.putIfAbsent(unread.toString(), unreadStart);
                    }
                    unread.setLength(0);
                    if (singleKanji) {
                        unread.append(word);
                        unreadStart = offset.startOffset();
                        // after a particle or punctuation (which the tokenizer drops), not the tail of a noun phrase
                        unreadOpensPhrase = !previousTag.startsWith("名詞") || previousEnd != offset.startOffset();
                    }
                }
                previousTag = tag == null ? "" : tag;
                previousEnd = offset.endOffset();
                boolean person = tag != null && tag.startsWith(PERSON);
                if (person && name != null && offset.startOffset() == end) {
                    name += term.toString(); // 佐藤 + 美咲: one name
                    end = offset.endOffset();
                    continue;
                }
                if (name != null) {
                    add(text, name, start, end, first, count, titled);
                    name = null;
                }
                if (person) {
                    name = term.toString();
                    start = offset.startOffset();
                    end = offset.endOffset();
                }
            }
            if (name != null) {
                add(text, name, start, end, first, count, titled);
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        unreadSubjects.forEach((run, n) -> {
            if (n >= 2) {
                first.putIfAbsent(run, unreadFirst.get(run));
                count.merge(run, n, Integer::sum);
                titled.putIfAbsent(run, false);
            }
        });
        first.forEach((name, at) -> {
            boolean recurs = count.get(name) >= 2;
            if (recurs || titled.get(name)) {
                // a single kana or kanji is too often a word the dictionary mistook for a name
                if (name.codePointCount(0, name.length()) >= 2) {
                    out.put(name, at);
                }
            }
        });
        return out;
    }

    private static void add(
            String text,
            String name,
            int start,
            int end,
            Map<String, Integer> first,
            Map<String, Integer> count,
            Map<String, Boolean> titled) {
        var honorific = HONORIFIC.matcher(text.substring(end, Math.min(text.length(), end + 2)));
        String key = name;
        if (honorific.find() && count.getOrDefault(name, 0) == 0 && NameFinder.count(text, name) == 1) {
            key = name + honorific.group(); // met once, with its title: 佐藤先生 is how the story calls him
            titled.put(key, true);
        }
        first.putIfAbsent(key, start);
        count.merge(key, 1, Integer::sum);
        titled.putIfAbsent(key, false);
    }
}
