package ai.cinboard.pipeline;

import ai.cinboard.cache.CacheKeys;
import ai.cinboard.domain.Character;
import ai.cinboard.domain.CharacterImage;
import ai.cinboard.domain.Phase;
import ai.cinboard.generation.CharacterLook;
import ai.cinboard.generation.CharacterSheetRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Character sheets: a reference image and its variations per take. A stale character gets a new sheet; a
 * regenerated one gets {@code candidates} new takes, and the best scoring reference becomes current.
 */
final class CharactersPhase implements RenderPhase {
    static final int SHEET_VARIATIONS = 3;

    @Override
    public Phase phase() {
        return Phase.CHARACTERS;
    }

    @Override
    public PhaseReport run(RenderContext ctx, PhaseRecorder.Run run) throws IOException {
        List<Staleness.CharacterPlan> plans = List.copyOf(ctx.plan.characters().values());
        int before = ctx.charactersMade.get();
        int made = 0;
        int kept = 0;
        for (int i = 0; i < plans.size(); i++) {
            RenderContext.checkCancelled();
            Staleness.CharacterPlan plan = plans.get(i);
            if (!plan.stale()) {
                kept++;
                continue;
            }
            Character c = plan.character();
            List<CharacterImage> sheets = new ArrayList<>();
            List<CharacterImage> references = new ArrayList<>();
            for (int t = 0; t < plan.candidates(); t++) {
                int take = plan.take() + t;
                Character now = c;
                String fingerprint = ctx.fingerprints.character(now, take);
                List<CharacterImage> sheet = sheet(ctx, run, c, take, fingerprint);
                sheets.addAll(sheet);
                references.add(sheet.get(0));
            }
            CharacterImage best = references.stream()
                    .max(Comparator.comparing(
                            CharacterImage::qualityScore, Comparator.nullsFirst(BigDecimal::compareTo)))
                    .orElseThrow();
            ctx.repository.addCharacterTake(sheets, best);
            ctx.cache()
                    .put(
                            CacheKeys.characterConsistency(c.consistencyKey()),
                            new RenderContext.CachedMedia(
                                    best.imageUrl(), best.fileSizeBytes(), best.generationParams()),
                            CacheKeys.CHARACTER_TTL);
            made++;
            run.progress((i + 1) * 100 / plans.size(), Map.of("made", made, "kept", kept, "total", plans.size()));
        }
        ctx.reload();
        return PhaseReport.done(ctx.charactersMade.get() - before, kept, made - (ctx.charactersMade.get() - before), 0);
    }

    /**
     * One take's sheet: the reference and its variations, asked of the engine side by side. Each is its own
     * request, and an AI server answers several at once (up to the engine's own limit, such as
     * {@code CINBOARD_OPENAI_MAX_CONCURRENCY}): every scene waits for the sheets, so they should take one
     * request's time, not three.
     */
    private static List<CharacterImage> sheet(
            RenderContext ctx, PhaseRecorder.Run run, Character c, int take, String fingerprint) throws IOException {
        CharacterLook look = new CharacterLook(c.characterName(), c.characterDescription(), c.consistencyKey(), null);
        AtomicInteger calls = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(SHEET_VARIATIONS, r -> {
            Thread t = new Thread(r, "render-sheet");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<CharacterImage>> variations = new ArrayList<>();
            for (int v = 0; v < SHEET_VARIATIONS; v++) {
                int variation = v;
                variations.add(pool.submit(() -> variation(ctx, run, c, look, take, fingerprint, variation, calls)));
            }
            List<CharacterImage> sheet = new ArrayList<>();
            for (Future<CharacterImage> f : variations) {
                sheet.add(RenderContext.resultOf(f, "Making the character sheet of " + c.characterName()));
            }
            if (calls.get() > 0) {
                ctx.charactersMade.incrementAndGet();
            }
            return sheet;
        } finally {
            pool.shutdownNow(); // a cancel reaches the requests still waiting on the server
        }
    }

    private static CharacterImage variation(
            RenderContext ctx,
            PhaseRecorder.Run run,
            Character c,
            CharacterLook look,
            int take,
            String fingerprint,
            int v,
            AtomicInteger calls) {
        CharacterSheetRequest request =
                new CharacterSheetRequest(look, v, Fingerprints.SHEET_WIDTH, Fingerprints.SHEET_HEIGHT, take);
        String key = CacheKeys.character(Fingerprints.sha256(fingerprint, "variation " + v));
        RenderContext.CachedMedia stored = ctx.cachedImage(
                key, CacheKeys.CHARACTER_TTL, () -> ctx.images.characterSheet(request, run.engineProgress()), calls);
        return new CharacterImage(
                null,
                c.id(),
                null,
                stored.url(),
                v == 0 ? "reference" : "variation",
                stored.params(),
                Scoring.quality(ctx, stored.url(), null, null, null),
                stored.size(),
                null,
                fingerprint,
                take);
    }
}
