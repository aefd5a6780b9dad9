package ai.cinboard.text.policy;

import ai.cinboard.text.policy.PolicyLexicon.Group;
import ai.cinboard.text.policy.PolicyVerdict.CategoryResult;
import ai.cinboard.text.policy.PolicyVerdict.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local, rule-based content policy. Every language's lists are applied to every story (stories mix
 * languages), so the verdict does not depend on language detection being right.
 *
 * <p>Block rule: a sentence that contains both a term marking a minor and a term for a sexual act. Neither
 * alone blocks: children appear in most stories, and sex between adults only flags. Nudity is deliberately
 * not part of the block rule ("the naked toddler ran into the sea" is not abuse); it adds to "sexual".
 *
 * <p>Score per category: {@code 1 - exp(-hits / 3)}, so one hit is 0.28, three are 0.63, six are 0.86. More
 * matches mean more of the story is about the topic; the curve never reaches 1 on counts alone.
 */
public final class ContentPolicyChecker implements ContentPolicy {
    /** Hits at which a category's score reaches 1 - 1/e. */
    static final double SCORE_SCALE = 3.0;

    static final int MAX_TERMS_REPORTED = 10;
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?。！？؟\\n]+");

    private record LanguagePatterns(String language, Map<Group, Pattern> patterns) {}

    private final List<LanguagePatterns> compiled = new ArrayList<>();

    public ContentPolicyChecker() {
        PolicyLexicon.TERMS.forEach((language, groups) -> {
            Map<Group, Pattern> patterns = new EnumMap<>(Group.class);
            groups.forEach((group, terms) -> patterns.put(group, compile(language, terms)));
            compiled.add(new LanguagePatterns(language, patterns));
        });
    }

    public Set<String> languagesCovered() {
        return PolicyLexicon.TERMS.keySet();
    }

    @Override
    public PolicyVerdict check(String text, String language) {
        String s = text == null ? "" : text;
        Map<Group, List<String>> hits = new EnumMap<>(Group.class);
        for (Group g : Group.values()) {
            hits.put(g, new ArrayList<>());
        }
        for (LanguagePatterns lp : compiled) {
            lp.patterns().forEach((group, pattern) -> collect(pattern, s, hits.get(group)));
        }

        // The block rule pairs terms of one language, and only the story's own language when we cover it:
        // across languages, innocent words collide (English "kind" is German for "child").
        String lang = language == null ? "" : language.toLowerCase(Locale.ROOT);
        boolean covered = languagesCovered().contains(lang);
        List<String> minorSexual = new ArrayList<>();
        if (!hits.get(Group.MINOR).isEmpty() && !hits.get(Group.SEXUAL_ACT).isEmpty()) {
            for (String sentence : SENTENCE_END.split(s)) {
                for (LanguagePatterns lp : compiled) {
                    if (covered && !lp.language().equals(lang)) {
                        continue;
                    }
                    List<String> minors = new ArrayList<>();
                    List<String> acts = new ArrayList<>();
                    collect(lp.patterns().get(Group.MINOR), sentence, minors);
                    collect(lp.patterns().get(Group.SEXUAL_ACT), sentence, acts);
                    if (!minors.isEmpty() && !acts.isEmpty()) {
                        minorSexual.add(minors.get(0) + " + " + acts.get(0));
                    }
                }
            }
        }

        Map<PolicyCategory, CategoryResult> categories = new EnumMap<>(PolicyCategory.class);
        put(categories, PolicyCategory.SEXUAL_MINORS, minorSexual);
        List<String> sexual = new ArrayList<>(hits.get(Group.SEXUAL_ACT));
        sexual.addAll(hits.get(Group.NUDITY));
        put(categories, PolicyCategory.SEXUAL, sexual);
        put(categories, PolicyCategory.VIOLENCE_GRAPHIC, hits.get(Group.VIOLENCE));
        put(categories, PolicyCategory.HATE, hits.get(Group.HATE));
        put(categories, PolicyCategory.SELF_HARM, hits.get(Group.SELF_HARM));

        Verdict verdict = categories.containsKey(PolicyCategory.SEXUAL_MINORS)
                ? Verdict.BLOCK
                : categories.isEmpty() ? Verdict.ALLOW : Verdict.FLAG;
        return new PolicyVerdict(verdict, categories, "local-rules", languagesCovered(), covered);
    }

    static double score(int hits) {
        return Math.round((1 - Math.exp(-hits / SCORE_SCALE)) * 100) / 100.0;
    }

    private static void put(
            Map<PolicyCategory, CategoryResult> categories, PolicyCategory category, List<String> hits) {
        if (hits.isEmpty()) {
            return;
        }
        Set<String> distinct = new LinkedHashSet<>(hits);
        List<String> terms = distinct.stream().limit(MAX_TERMS_REPORTED).toList();
        // the blocking category is a yes/no finding, so it carries the full score
        double score = category.blocks() ? 1.0 : score(hits.size());
        categories.put(category, new CategoryResult(score, terms));
    }

    private static void collect(Pattern pattern, String text, List<String> out) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(m.group().toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
        }
    }

    private static Pattern compile(String language, List<String> terms) {
        boolean substring = language.equals("ja") || language.equals("zh");
        List<String> alternatives = new ArrayList<>();
        for (String term : terms) {
            StringBuilder re = new StringBuilder();
            String[] words = term.split(" ");
            for (int i = 0; i < words.length; i++) {
                if (i > 0) {
                    re.append("\\s+");
                }
                String w = words[i];
                boolean prefix = w.endsWith("*");
                re.append(Pattern.quote(prefix ? w.substring(0, w.length() - 1) : w));
                if (prefix) {
                    re.append("[\\p{L}\\p{M}]*");
                }
            }
            alternatives.add(re.toString());
        }
        String body = "(?:" + String.join("|", alternatives) + ")";
        if (substring) {
            return Pattern.compile(body);
        }
        String lead = language.equals("ar") ? PolicyLexicon.ARABIC_PROCLITICS : "";
        return Pattern.compile(
                "(?<![\\p{L}\\p{M}\\p{N}])" + lead + body + "(?![\\p{L}\\p{M}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
