package ai.cinboard.text.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.StudioException;
import ai.cinboard.generation.TextEngine;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class ChatTranslatorTest {
    private static TextEngine engine(
            BiFunction<String, String, String> answer, AtomicReference<Map<String, Object>> schemaSeen) {
        return new TextEngine() {
            @Override
            public String name() {
                return "fake-chat";
            }

            @Override
            public String completeJson(
                    String systemPrompt, String userPrompt, String schemaName, Map<String, Object> jsonSchema) {
                schemaSeen.set(jsonSchema);
                return answer.apply(systemPrompt, userPrompt);
            }
        };
    }

    @Test
    void sendsTheSchemaAndReadsTheTranslation() {
        AtomicReference<Map<String, Object>> schema = new AtomicReference<>();
        Translator t = new ChatTranslator(engine(
                (sys, user) -> {
                    assertTrue(sys.contains("'de'") && sys.contains("'en'"), sys);
                    return "{\"translation\": \"" + user.replace("Guten Morgen", "Good morning") + "\"}";
                },
                schema));
        TranslationOutcome out = t.translate("Guten Morgen", "de", "en");
        assertEquals("Good morning", out.text());
        assertEquals("openai", out.engine());
        assertSame(ChatTranslator.SCHEMA, schema.get());
    }

    @Test
    void answersThatViolateTheSchemaAreRefused() {
        AtomicReference<Map<String, Object>> schema = new AtomicReference<>();
        for (String bad : new String[] {
            "{\"text\": \"Good morning\"}", "{\"translation\": 5}", "not json", "[]", "{\"translation\": \"  \"}", null
        }) {
            Translator t = new ChatTranslator(engine((s, u) -> bad, schema));
            StudioException e = assertThrows(
                    StudioException.class, () -> t.translate("Guten Morgen", "de", "en"), String.valueOf(bad));
            assertTrue(e.getMessage().contains("CINBOARD_OPENAI_CHAT_MODEL"), e.getMessage());
        }
    }

    @Test
    void engineFailureBecomesAClearError() {
        Translator t = new ChatTranslator(engine(
                (s, u) -> {
                    throw new IllegalStateException("connection reset");
                },
                new AtomicReference<>()));
        StudioException e = assertThrows(StudioException.class, () -> t.translate("Hallo", "de", "en"));
        assertTrue(e.getMessage().contains("connection reset") && e.getMessage().contains("CINBOARD_OPENAI_BASE_URL"));
    }

    @Test
    void settingsBuildTheConfiguredEngine() {
        MapCache cache = new MapCache();
        Translator none = TranslationSettings.from(Map.of())
                .build(
                        () -> {
                            throw new AssertionError("no chat engine needed");
                        },
                        cache);
        TranslationOutcome skipped = none.translate("Hola", "es", "en");
        assertTrue(skipped.isSkipped());
        assertTrue(skipped.reason().contains("CINBOARD_TRANSLATION_ENGINE"), skipped.reason());
        assertEquals("en", TranslationSettings.from(Map.of()).translateTo());

        Translator openai = TranslationSettings.from(Map.of("CINBOARD_TRANSLATION_ENGINE", "OpenAI"))
                .build(() -> engine((s, u) -> "{\"translation\":\"Hello\"}", new AtomicReference<>()), cache);
        assertEquals("Hello", openai.translate("Hola", "es", "en").text());
        assertTrue(openai.translate("Hola", "es", "en").cached());

        StudioException unknown = assertThrows(
                StudioException.class,
                () -> TranslationSettings.from(Map.of("CINBOARD_TRANSLATION_ENGINE", "deepl"))
                        .build(() -> null, cache));
        assertTrue(unknown.getMessage().contains("none, libretranslate or openai"));
    }
}
