package ai.cinboard.generation.local;

import ai.cinboard.domain.StudioException;
import ai.cinboard.generation.Progress;
import ai.cinboard.generation.SpeechEngine;
import ai.cinboard.generation.SpeechRequest;
import ai.cinboard.generation.SpeechResult;
import ai.cinboard.media.ffmpeg.Wav;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Scratch voiceover with espeak-ng, run as a child process (never through a shell: the text goes in on stdin,
 * so nothing in a story can become a command). The voice follows the language; rate is words per minute and
 * pitch 0..99 as espeak-ng takes them.
 */
public final class EspeakSpeechEngine implements SpeechEngine {
    public static final String NAME = "espeak-ng";
    public static final int DEFAULT_RATE = 160;
    public static final int DEFAULT_PITCH = 50;

    /** ISO 639-1 → espeak-ng voice; where espeak's name differs from the code, or a regional voice is preferable. */
    private static final Map<String, String> VOICES = Map.ofEntries(
            Map.entry("en", "en-us"),
            Map.entry("zh", SpokenText.PINYIN_VOICE),
            Map.entry("fr", "fr-fr"),
            Map.entry("pt", "pt-br"),
            Map.entry("es", "es"),
            Map.entry("de", "de"),
            Map.entry("ja", "ja"),
            Map.entry("ar", "ar"),
            Map.entry("ru", "ru"),
            Map.entry("it", "it"),
            Map.entry("ko", "ko"),
            Map.entry("hi", "hi"),
            Map.entry("nl", "nl"),
            Map.entry("pl", "pl"),
            Map.entry("tr", "tr"),
            Map.entry("sv", "sv"),
            Map.entry("uk", "uk"),
            Map.entry("he", "he"),
            Map.entry("el", "el"),
            Map.entry("fa", "fa"),
            Map.entry("vi", "vi"),
            Map.entry("id", "id"),
            Map.entry("cs", "cs"),
            Map.entry("fi", "fi"),
            Map.entry("da", "da"),
            Map.entry("nb", "nb"),
            Map.entry("no", "nb"),
            Map.entry("hu", "hu"),
            Map.entry("ro", "ro"),
            Map.entry("th", "th"),
            Map.entry("bn", "bn"),
            Map.entry("ta", "ta"));

    private final String executable;
    private final Duration timeout;
    private volatile Set<String> installedVoices;

    public EspeakSpeechEngine() {
        this("espeak-ng", Duration.ofSeconds(60));
    }

    /** @param timeout longest a single phrase may take; a hung synthesiser is killed after it */
    public EspeakSpeechEngine(String executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Japanese is spoken from katakana and Chinese from pinyin (see {@link SpokenText}). */
    @Override
    public String identity(String language) {
        return switch (baseLanguage(language)) {
            case "ja" -> NAME + "/ja:katakana";
            case "zh" -> NAME + "/zh:pinyin";
            default -> identity();
        };
    }

    /** "zh" of "zh-Hans", "pt" of "pt_BR": the voices are chosen by the language alone. */
    private static String baseLanguage(String language) {
        return language == null ? "" : language.toLowerCase(Locale.ROOT).split("[-_]")[0];
    }

    @Override
    public Optional<String> unavailableReason() {
        try {
            voices();
            return Optional.empty();
        } catch (StudioException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The espeak-ng voice for an ISO 639-1 code, checked against the installed voice list; falls back to English. */
    public String voiceFor(String language) {
        String lang = language == null ? "en" : baseLanguage(language);
        Set<String> installed = voices();
        String mapped = VOICES.getOrDefault(lang, lang);
        if (installed.contains(mapped)) {
            return mapped;
        }
        if (lang.equals("zh") && installed.contains("cmn")) {
            return "cmn";
        }
        if (installed.contains(lang)) {
            return lang;
        }
        return installed.contains("en-us") ? "en-us" : "en";
    }

    @Override
    public SpeechResult speak(SpeechRequest request, Progress progress) {
        if (request.text() == null || request.text().isBlank()) {
            throw new StudioException("There is no text to speak. Add narration or dialogue to the scene.");
        }
        String voice =
                request.voice() != null && !request.voice().isBlank() ? request.voice() : voiceFor(request.language());
        if (voice.equals("cmn") && voices().contains(SpokenText.PINYIN_VOICE)) {
            voice = SpokenText.PINYIN_VOICE; // the same Mandarin voice, fed pinyin: it misreads characters
        }
        // 0 means "not set" for both: espeak-ng's defaults are 175 wpm and pitch 50
        int rate = request.rate() > 0 ? Math.max(80, Math.min(450, request.rate())) : DEFAULT_RATE;
        int pitch = request.pitch() > 0 ? Math.min(99, request.pitch()) : DEFAULT_PITCH;
        Path out = request.output().toAbsolutePath();
        Path tmp = out.resolveSibling("." + out.getFileName() + ".part.wav");
        progress.report(0, "Speaking with " + voice);
        List<String> cmd = List.of(
                executable,
                "-v",
                voice,
                "-s",
                Integer.toString(rate),
                "-p",
                Integer.toString(pitch),
                "-b",
                "1",
                "-w",
                tmp.toString(),
                "--stdin");
        String stderr = run(cmd, SpokenText.forVoice(voice, request.text()), timeout);
        try {
            if (!Files.isRegularFile(tmp) || Files.size(tmp) <= 44) {
                throw new StudioException("espeak-ng produced no audio for voice " + voice
                        + (stderr.isBlank() ? "" : " (" + stderr.strip() + ")")
                        + ". Check the voice with: espeak-ng --voices");
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StudioException("Cannot store the voiceover " + out + ": " + e.getMessage(), e);
        }
        Wav wav = Wav.read(out);
        progress.report(1, "Spoke " + String.format(Locale.ROOT, "%.1f s", wav.durationSeconds()));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("engine", NAME);
        settings.put("voice", voice);
        settings.put("rate", rate);
        settings.put("pitch", pitch);
        settings.put("language", request.language());
        settings.put("sample_rate", wav.sampleRate());
        return new SpeechResult(out, wav.durationSeconds(), settings);
    }

    private Set<String> voices() {
        Set<String> v = installedVoices;
        if (v == null) {
            String listing = run(List.of(executable, "--voices"), null, Duration.ofSeconds(20));
            // espeak-ng --voices prints: Pty Language Age/Gender VoiceName File Other; keep language and file names
            Set<String> names = new HashSet<>();
            for (String line : listing.lines().skip(1).toList()) {
                String[] cols = line.trim().split("\\s+");
                if (cols.length >= 5) {
                    names.add(cols[1]);
                    names.add(cols[4].substring(cols[4].lastIndexOf('/') + 1));
                }
            }
            installedVoices = v = Set.copyOf(names);
        }
        return v;
    }

    /** Runs a command with optional stdin, returns stdout for --voices and stderr otherwise; kills it on timeout/interrupt. */
    private String run(List<String> cmd, String stdin, Duration limit) {
        Process p;
        try {
            p = new ProcessBuilder(new ArrayList<>(cmd))
                    .redirectErrorStream(false)
                    .start();
        } catch (IOException e) {
            throw new StudioException(
                    "espeak-ng is not installed (" + e.getMessage() + "). Install espeak-ng: apt-get install espeak-ng",
                    e);
        }
        try {
            // read output on other threads so a full pipe can never block the child
            var outF = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            var errF = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new StudioException("espeak-ng did not finish within " + limit.toSeconds()
                        + " s. Split the text into shorter parts or check the espeak-ng installation.");
            }
            String err = errF.get(5, TimeUnit.SECONDS);
            String out = outF.get(5, TimeUnit.SECONDS);
            if (p.exitValue() != 0) {
                throw new StudioException("espeak-ng failed (exit " + p.exitValue() + "): " + err.strip()
                        + ". Check the voice with: espeak-ng --voices");
            }
            return stdin == null ? out : err;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new StudioException("Speech was cancelled.", e);
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            throw new StudioException("espeak-ng could not be run: " + e.getMessage(), e);
        }
    }

    private static String readAll(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
