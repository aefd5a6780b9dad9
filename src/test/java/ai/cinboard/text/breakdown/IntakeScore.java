package ai.cinboard.text.breakdown;

import ai.cinboard.text.breakdown.IntakeCorpus.GoldCharacter;
import ai.cinboard.text.breakdown.IntakeCorpus.Story;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores one breakdown against its gold file, and sums scores per language. A found character is right when
 * it is a gold character's name or alias; finding the same person twice counts the second as wrong. A
 * forbidden hit is a found name that the gold file lists under {@code not_characters}.
 */
final class IntakeScore {
    record Result(
            Story story,
            int scenesFound,
            int truePositives,
            int falsePositives,
            int falseNegatives,
            List<String> forbiddenHits,
            List<String> wrongNames,
            List<String> missedNames,
            int mentionsWanted,
            int mentionsFound,
            boolean languageRight) {
        boolean scenesExact() {
            return scenesFound == story.gold().scenes();
        }

        boolean scenesWithinOne() {
            return Math.abs(scenesFound - story.gold().scenes()) <= 1;
        }
    }

    /** Sums over several stories. */
    static final class Totals {
        int stories;
        int exact;
        int withinOne;
        int tp;
        int fp;
        int fn;
        int forbidden;
        int mentionsWanted;
        int mentionsFound;
        int languageRight;

        void add(Result r) {
            stories++;
            exact += r.scenesExact() ? 1 : 0;
            withinOne += r.scenesWithinOne() ? 1 : 0;
            tp += r.truePositives();
            fp += r.falsePositives();
            fn += r.falseNegatives();
            forbidden += r.forbiddenHits().size();
            mentionsWanted += r.mentionsWanted();
            mentionsFound += r.mentionsFound();
            languageRight += r.languageRight() ? 1 : 0;
        }

        double exactShare() {
            return share(exact, stories);
        }

        double withinOneShare() {
            return share(withinOne, stories);
        }

        double precision() {
            return tp + fp == 0 ? 1.0 : share(tp, tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1.0 : share(tp, tp + fn);
        }

        double descriptionShare() {
            return mentionsWanted == 0 ? 1.0 : share(mentionsFound, mentionsWanted);
        }

        double languageShare() {
            return share(languageRight, stories);
        }

        private static double share(int n, int of) {
            return of == 0 ? 0 : n / (double) of;
        }
    }

    private IntakeScore() {}

    static Result score(Story story, Breakdown b, String detectedLanguage) {
        List<GoldCharacter> gold = story.gold().characters();
        boolean[] matched = new boolean[gold.size()];
        int tp = 0;
        int fp = 0;
        List<String> forbidden = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        int mentionsWanted = 0;
        int mentionsFound = 0;
        for (CharacterDraft c : b.characters()) {
            int i = indexOf(gold, c.name());
            if (i >= 0 && !matched[i]) {
                matched[i] = true;
                tp++;
                String description = IntakeCorpus.fold(c.description());
                for (String m : gold.get(i).descriptionMentions()) {
                    mentionsWanted++;
                    mentionsFound += description.contains(IntakeCorpus.fold(m)) ? 1 : 0;
                }
            } else if (story.gold().optional().stream()
                    .noneMatch(n -> IntakeCorpus.fold(n).equals(IntakeCorpus.fold(c.name())))) {
                fp++;
                wrong.add(c.name());
                if (story.gold().notCharacters().stream()
                        .anyMatch(n -> IntakeCorpus.fold(n).equals(IntakeCorpus.fold(c.name())))) {
                    forbidden.add(c.name());
                }
            }
        }
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < gold.size(); i++) {
            if (!matched[i]) {
                missed.add(gold.get(i).name());
                mentionsWanted += gold.get(i).descriptionMentions().size();
            }
        }
        return new Result(
                story,
                b.scenes().size(),
                tp,
                fp,
                missed.size(),
                forbidden,
                wrong,
                missed,
                mentionsWanted,
                mentionsFound,
                story.gold().language().equals(detectedLanguage));
    }

    private static int indexOf(List<GoldCharacter> gold, String name) {
        for (int i = 0; i < gold.size(); i++) {
            if (gold.get(i).matches(name)) {
                return i;
            }
        }
        return -1;
    }

    static Map<String, Totals> byLanguage(List<Result> results) {
        Map<String, Totals> out = new TreeMap<>();
        for (Result r : results) {
            out.computeIfAbsent(r.story().gold().language(), k -> new Totals()).add(r);
        }
        return out;
    }

    static Totals overall(List<Result> results) {
        Totals t = new Totals();
        results.forEach(t::add);
        return t;
    }

    /** The per-language table in Markdown, overall last. */
    static String table(List<Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| language | stories | scenes exact | scenes ±1 | character precision | character recall"
                + " | forbidden names | description words | detector |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        byLanguage(results).forEach((lang, t) -> row(sb, lang, t));
        row(sb, "**all**", overall(results));
        return sb.toString();
    }

    private static void row(StringBuilder sb, String label, Totals t) {
        sb.append(String.format(
                Locale.ROOT,
                "| %s | %d | %s | %s | %s | %s | %d | %s | %s |%n",
                label,
                t.stories,
                pct(t.exactShare()),
                pct(t.withinOneShare()),
                pct(t.precision()),
                pct(t.recall()),
                t.forbidden,
                pct(t.descriptionShare()),
                pct(t.languageShare())));
    }

    static String pct(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    /** One line per story that missed anything, so a regression names its cause. */
    static String misses(List<Result> results) {
        StringBuilder sb = new StringBuilder();
        for (Result r : results) {
            if (!r.scenesExact() || r.falsePositives() > 0 || r.falseNegatives() > 0 || !r.languageRight()) {
                sb.append(String.format(
                        Locale.ROOT,
                        "%-40s scenes %d/%d  wrong %s  missed %s%s%n",
                        r.story().id(),
                        r.scenesFound(),
                        r.story().gold().scenes(),
                        r.wrongNames(),
                        r.missedNames(),
                        r.languageRight() ? "" : "  language wrong"));
            }
        }
        return sb.toString();
    }
}
