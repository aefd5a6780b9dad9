package ai.cinboard.text.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A content-policy verdict: BLOCK stops the pipeline, FLAG lets it go on with a warning, ALLOW is clean.
 *
 * @param categories       only categories with a non-zero score
 * @param languagesCovered ISO 639-1 codes the checker has rules for
 * @param languageCovered  false when the story's language is outside those, so an "allow" means little
 */
public record PolicyVerdict(
        Verdict verdict,
        Map<PolicyCategory, CategoryResult> categories,
        String engine,
        Set<String> languagesCovered,
        boolean languageCovered) {
    public enum Verdict {
        ALLOW,
        FLAG,
        BLOCK
    }

    /** @param score 0..1; @param matchedTerms what triggered it, as found in the text (empty for remote engines) */
    public record CategoryResult(double score, List<String> matchedTerms) {
        public CategoryResult {
            matchedTerms = List.copyOf(matchedTerms);
        }
    }

    public PolicyVerdict {
        Map<PolicyCategory, CategoryResult> copy = new EnumMap<>(PolicyCategory.class);
        copy.putAll(categories);
        categories = Collections.unmodifiableMap(copy);
        languagesCovered = Collections.unmodifiableSet(new TreeSet<>(languagesCovered));
    }

    public boolean blocked() {
        return verdict == Verdict.BLOCK;
    }

    /** Human-readable reasons for the UI and CLI, e.g. "sexual/minors (score 1.00): child + rape". */
    public List<String> reasons() {
        List<String> reasons = new ArrayList<>();
        categories.forEach((c, r) -> reasons.add(String.format(
                java.util.Locale.ROOT,
                "%s (score %.2f)%s",
                c.key(),
                r.score(),
                r.matchedTerms().isEmpty() ? "" : ": " + String.join(", ", r.matchedTerms()))));
        return reasons;
    }

    /** The {@code input_records.content_policy_check} JSONB value. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("verdict", verdict.name().toLowerCase(java.util.Locale.ROOT));
        json.put("engine", engine);
        Map<String, Object> cats = new LinkedHashMap<>();
        categories.forEach((c, r) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("score", r.score());
            entry.put("matched_terms", r.matchedTerms());
            entry.put("action", c.blocks() ? "block" : "flag");
            cats.put(c.key(), entry);
        });
        json.put("categories", cats);
        json.put("languages_covered", List.copyOf(languagesCovered));
        json.put("language_covered", languageCovered);
        return json;
    }

    /** Combines two checkers' verdicts: the stricter verdict, the higher score per category. */
    public PolicyVerdict merge(PolicyVerdict other) {
        Map<PolicyCategory, CategoryResult> merged = new EnumMap<>(PolicyCategory.class);
        merged.putAll(categories);
        other.categories.forEach((c, r) -> merged.merge(c, r, (a, b) -> {
            List<String> terms = new ArrayList<>(a.matchedTerms());
            b.matchedTerms().stream().filter(t -> !terms.contains(t)).forEach(terms::add);
            return new CategoryResult(Math.max(a.score(), b.score()), terms);
        }));
        Verdict v = verdict.compareTo(other.verdict) >= 0 ? verdict : other.verdict;
        Set<String> langs = new TreeSet<>(languagesCovered);
        langs.addAll(other.languagesCovered);
        return new PolicyVerdict(
                v, merged, engine + "+" + other.engine, langs, languageCovered || other.languageCovered);
    }
}
