package ai.cinboard.text.translate;

import ai.cinboard.cache.Cache;
import ai.cinboard.cache.CacheKeys;
import ai.cinboard.domain.Sha256;
import java.util.Objects;
import java.util.Optional;

/**
 * Serves repeated translations from the cache under the spec's key
 * {@code translation:{sha256(text)}:{source}:{target}} for {@link CacheKeys#TRANSLATION_TTL}.
 */
public final class CachingTranslator implements Translator {
    private final Translator delegate;
    private final Cache cache;

    public CachingTranslator(Translator delegate, Cache cache) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String translateText(String text, String sourceLanguage, String targetLanguage) {
        return delegate.translateText(text, sourceLanguage, targetLanguage);
    }

    @Override
    public TranslationOutcome translate(String text, String sourceLanguage, String targetLanguage) {
        String source = Translator.primary(sourceLanguage);
        String target = Translator.primary(targetLanguage);
        if (source.equals(target) || text == null || text.isBlank()) {
            return delegate.translate(text, source, target); // the delegate explains the skip
        }
        String key = CacheKeys.translation(Sha256.hexOf(text), source, target);
        Optional<String> hit = cache.get(key, String.class);
        if (hit.isPresent()) {
            return TranslationOutcome.translated(hit.get(), source, target, name(), true);
        }
        TranslationOutcome outcome = delegate.translate(text, source, target);
        if (!outcome.isSkipped()) {
            cache.put(key, outcome.text(), CacheKeys.TRANSLATION_TTL);
        }
        return outcome;
    }
}
