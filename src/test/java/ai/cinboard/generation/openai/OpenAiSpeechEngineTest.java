package ai.cinboard.generation.openai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.StudioException;
import ai.cinboard.generation.Progress;
import ai.cinboard.generation.SpeechRequest;
import ai.cinboard.generation.SpeechResult;
import ai.cinboard.generation.remote.AudioToWav;
import ai.cinboard.generation.remote.FakeHttpServer;
import ai.cinboard.generation.remote.FakeHttpServer.Reply;
import ai.cinboard.generation.remote.HttpSettings;
import ai.cinboard.generation.remote.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenAiSpeechEngineTest {
    static final HttpSettings FAST = new HttpSettings(
            Duration.ofMillis(300), Duration.ofMillis(2000), 1, Duration.ofMillis(10), Duration.ofMillis(100), 1);

    @TempDir
    Path dir;

    private final FakeHttpServer server;
    private final OpenAiSpeechEngine engine;

    OpenAiSpeechEngineTest() throws Exception {
        server = new FakeHttpServer();
        engine = new OpenAiSpeechEngine(new OpenAiClient(
                new OpenAiSettings(server.uri("/v1"), null, "c", "i", "kokoro", "af_bella", null, FAST)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Half a second of a 440 Hz tone at 24 kHz mono, as PCM16. */
    static short[] tone() {
        short[] s = new short[12_000];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (Math.sin(2 * Math.PI * 440 * i / 24_000.0) * 12_000);
        }
        return s;
    }

    static byte[] wav(short[] samples) {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            b.putShort(s);
        }
        return AudioToWav.wavHeader(b.array(), 24_000, 1);
    }

    static byte[] mp3(short[] samples) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(out, 1)) {
            rec.setFormat("mp3");
            rec.setAudioCodec(avcodec.AV_CODEC_ID_MP3);
            rec.setSampleRate(24_000);
            rec.setAudioBitrate(64_000);
            rec.start();
            rec.recordSamples(24_000, 1, ShortBuffer.wrap(samples));
            rec.stop();
        }
        return out.toByteArray();
    }

    @Test
    void wavPassesThroughAndRequestFollowsTheApi() throws Exception {
        byte[] wav = wav(tone());
        server.on("POST /v1/audio/speech", r -> Reply.bytes(200, "audio/wav", wav));
        Path out = dir.resolve("line.wav");
        SpeechResult res = engine.speak(new SpeechRequest("Hallo Welt", "de", null, 0, 0, out), Progress.NONE);
        assertArrayEquals(wav, Files.readAllBytes(out));
        assertEquals(0.5, res.durationSeconds(), 1e-6);
        assertEquals("af_bella", res.voiceSettings().get("voice"));
        JsonNode b =
                Json.MAPPER.readTree(server.requests("/v1/audio/speech").get(0).body());
        assertEquals("kokoro", b.path("model").asText());
        assertEquals("Hallo Welt", b.path("input").asText());
        assertEquals("af_bella", b.path("voice").asText());
        assertEquals("wav", b.path("response_format").asText());
        assertEquals(null, server.requests("/v1/audio/speech").get(0).header("Authorization"), "no key, no header");
    }

    @Test
    void streamedWavWithUnknownSizesIsPatched() throws Exception {
        byte[] wav = wav(tone());
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(4, -1).putInt(40, -1);
        server.on("POST /v1/audio/speech", r -> Reply.bytes(200, "audio/wav", wav));
        SpeechResult res =
                engine.speak(new SpeechRequest("hi", "en", "echo", 0, 0, dir.resolve("s.wav")), Progress.NONE);
        byte[] written = Files.readAllBytes(res.wav());
        assertEquals(
                24_000, ByteBuffer.wrap(written).order(ByteOrder.LITTLE_ENDIAN).getInt(40));
        assertEquals(0.5, res.durationSeconds(), 1e-6);
    }

    @Test
    void mp3IsDecodedToPcm16Wav() throws Exception {
        byte[] mp3 = mp3(tone());
        assertFalse(AudioToWav.looksLikeWav(mp3));
        server.on("POST /v1/audio/speech", r -> Reply.bytes(200, "audio/mpeg", mp3));
        SpeechResult res = engine.speak(new SpeechRequest("hi", "en", null, 0, 0, dir.resolve("m.wav")), Progress.NONE);
        byte[] written = Files.readAllBytes(res.wav());
        assertTrue(AudioToWav.looksLikeWav(written));
        ByteBuffer h = ByteBuffer.wrap(written).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, h.getShort(20), "PCM");
        assertEquals(1, h.getShort(22), "mono");
        assertEquals(24_000, h.getInt(24));
        assertEquals(16, h.getShort(34));
        // MP3 adds encoder delay and padding, so allow a frame or two either way.
        assertEquals(0.5, res.durationSeconds(), 0.12);
        // The tone survived: the decoded signal has real energy, not silence.
        long energy = 0;
        for (int i = 44 + 4000; i + 1 < written.length - 4000; i += 2) {
            energy += Math.abs(h.getShort(i));
        }
        assertTrue(energy / ((written.length - 8044) / 2) > 3000, "mean amplitude " + energy);
    }

    @Test
    void garbageAudioIsAClearError() {
        server.on(
                "POST /v1/audio/speech",
                r -> Reply.bytes(
                        200, "audio/mpeg", "definitely not audio".repeat(20).getBytes()));
        Path out = dir.resolve("bad.wav");
        StudioException e = assertThrows(
                StudioException.class,
                () -> engine.speak(new SpeechRequest("hi", "en", null, 0, 0, out), Progress.NONE));
        assertTrue(e.getMessage().contains("decode") || e.getMessage().contains("no audio"), e.getMessage());
        assertFalse(Files.exists(out), "no partial file is left behind");
    }
}
