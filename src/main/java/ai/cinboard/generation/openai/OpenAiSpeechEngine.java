package ai.cinboard.generation.openai;

import ai.cinboard.domain.StudioException;
import ai.cinboard.domain.settings.SettingsRegistry;
import ai.cinboard.generation.Progress;
import ai.cinboard.generation.SpeechEngine;
import ai.cinboard.generation.SpeechRequest;
import ai.cinboard.generation.SpeechResult;
import ai.cinboard.generation.remote.AtomicFiles;
import ai.cinboard.generation.remote.AudioToWav;
import ai.cinboard.generation.remote.Json;
import ai.cinboard.generation.remote.RemoteHttp;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /audio/speech} with {@code {model, input, voice, response_format: "wav"}}. The answer is checked
 * and, if the server sent MP3 (or anything else) instead, decoded to PCM16 WAV. The file is written to a
 * temporary sibling and moved into place, so a cancelled or failed run never leaves a partial WAV behind.
 */
public final class OpenAiSpeechEngine implements SpeechEngine {
    private final OpenAiClient client;

    public OpenAiSpeechEngine(OpenAiClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return "openai";
    }

    /** The server, model and voice make the speech. */
    @Override
    public String identity() {
        return name() + "|" + client.settings().baseUrl() + "|"
                + client.settings().speechModel() + "|" + client.settings().voice();
    }

    @Override
    public Optional<String> unavailableReason() {
        OpenAiSettings s = client.settings();
        if (s.speechModel() == null || s.speechModel().isBlank()) {
            return Optional.of("No speech model is set. Set " + SettingsRegistry.OPENAI_SPEECH_MODEL.name()
                    + " (e.g. gpt-4o-mini-tts, or kokoro for Kokoro-FastAPI).");
        }
        if ("api.openai.com".equalsIgnoreCase(s.baseUrl().getHost()) && !s.hasApiKey()) {
            return Optional.of("The OpenAI API needs a key. Set " + OpenAiSettings.API_KEY_SETTING + ".");
        }
        return Optional.empty();
    }

    @Override
    public SpeechResult speak(SpeechRequest request, Progress progress) {
        if (request.text() == null || request.text().isBlank()) {
            throw new StudioException("There is no text to speak for this voiceover line.");
        }
        String voice = request.voice() != null && !request.voice().isBlank()
                ? request.voice()
                : client.settings().voice();
        ObjectNode body = Json.object();
        body.put("model", client.settings().speechModel());
        body.put("input", request.text());
        body.put("voice", voice);
        body.put("response_format", "wav");
        progress.report(0.05, "Speaking with " + voice);
        RemoteHttp.Response r = client.postForBytes("/audio/speech", body);
        progress.report(0.8, "Decoding audio");
        AudioToWav.Wav wav = AudioToWav.toWav(r.body(), OpenAiClient.ENGINE);
        AtomicFiles.write(request.output(), wav.bytes());
        progress.report(1.0, "Voiceover ready");
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("engine", name());
        settings.put("model", client.settings().speechModel());
        settings.put("voice", voice);
        settings.put("rate", request.rate());
        settings.put("pitch", request.pitch());
        settings.put("sample_rate", wav.sampleRate());
        settings.put(
                "source_format", r.contentType().orElse(AudioToWav.looksLikeWav(r.body()) ? "audio/wav" : "unknown"));
        return new SpeechResult(request.output(), wav.durationSeconds(), settings);
    }
}
