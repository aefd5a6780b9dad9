package ai.cinboard.generation.a1111;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.StudioException;
import ai.cinboard.generation.CharacterLook;
import ai.cinboard.generation.CharacterSheetRequest;
import ai.cinboard.generation.GeneratedImage;
import ai.cinboard.generation.KeyframeRequest;
import ai.cinboard.generation.ShotType;
import ai.cinboard.generation.remote.Consistency;
import ai.cinboard.generation.remote.FakeHttpServer;
import ai.cinboard.generation.remote.FakeHttpServer.Reply;
import ai.cinboard.generation.remote.GenerationCancelledException;
import ai.cinboard.generation.remote.HttpSettings;
import ai.cinboard.generation.remote.Json;
import ai.cinboard.generation.remote.TestImages;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class A1111ImageEngineTest {
    static final HttpSettings FAST = new HttpSettings(
            Duration.ofMillis(300), Duration.ofMillis(1500), 2, Duration.ofMillis(10), Duration.ofMillis(100), 1);
    static final byte[] REF = TestImages.png(0xcc3300);
    static final CharacterLook MIRA = new CharacterLook("Mira", "a courier", "ck-mira", REF);

    private final FakeHttpServer server;
    private final A1111ImageEngine engine;

    A1111ImageEngineTest() throws Exception {
        server = new FakeHttpServer();
        engine = new A1111ImageEngine(A1111Settings.of(server.uri("/")).withTiming(FAST, Duration.ofMillis(40)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Reply images(byte[] png) {
        return Reply.json(
                200,
                "{\"images\":[\"" + Base64.getEncoder().encodeToString(png) + "\"],\"parameters\":{},"
                        + "\"info\":\"{\\\"seed\\\": 1, \\\"sd_model_name\\\": \\\"dreamshaper_8\\\"}\"}");
    }

    static KeyframeRequest keyframe(List<CharacterLook> cast) {
        return new KeyframeRequest(
                "INT. FLAT",
                "flat",
                "DAY",
                "Mira reads",
                "Mira reads a letter",
                "Mira liest",
                "de",
                ShotType.MEDIUM,
                cast,
                9_000_000_001L,
                640,
                360);
    }

    @Test
    void keyframeWithCharacterUsesImg2imgWithTheReferenceAndPollsProgress() throws Exception {
        byte[] out = TestImages.png(0x00ff00);
        byte[] preview = TestImages.png(0x0000ff);
        AtomicInteger polls = new AtomicInteger();
        server.on("POST /sdapi/v1/img2img", r -> images(out).delayed(600));
        server.on("GET /sdapi/v1/progress", r -> {
            int n = polls.incrementAndGet();
            return Reply.json(
                    200,
                    "{\"progress\":" + Math.min(0.9, n * 0.2) + ",\"eta_relative\":1.5,"
                            + "\"state\":{\"sampling_step\":" + n + ",\"sampling_steps\":25,\"job_count\":1},"
                            + "\"current_image\":\"" + Base64.getEncoder().encodeToString(preview)
                            + "\",\"textinfo\":null}");
        });
        List<byte[]> previews = new CopyOnWriteArrayList<>();
        List<Double> fractions = new CopyOnWriteArrayList<>();
        List<String> messages = new CopyOnWriteArrayList<>();

        // Previews reach the caller's progress, the way the pipeline passes them on to its job.
        GeneratedImage img = engine.keyframe(keyframe(List.of(MIRA)), new ai.cinboard.generation.Progress() {
            @Override
            public void report(double f, String m) {
                fractions.add(f);
                messages.add(m);
            }

            @Override
            public void preview(byte[] image) {
                previews.add(image);
            }
        });

        assertArrayEquals(out, img.bytes());
        assertEquals("dreamshaper_8", img.generationParams().get("model"));
        JsonNode b =
                Json.MAPPER.readTree(server.requests("/sdapi/v1/img2img").get(0).body());
        assertArrayEquals(
                REF, Base64.getDecoder().decode(b.path("init_images").path(0).asText()));
        assertEquals(0.55, b.path("denoising_strength").asDouble());
        assertEquals(9_000_000_001L & Consistency.SEED_MASK, b.path("seed").asLong());
        assertEquals(640, b.path("width").asInt());
        assertEquals(360, b.path("height").asInt());
        assertEquals(25, b.path("steps").asInt());
        assertEquals(6.5, b.path("cfg_scale").asDouble());
        assertFalse(b.path("negative_prompt").asText().isEmpty());
        assertTrue(b.path("prompt").asText().contains(Consistency.characterBlock(MIRA)));

        assertTrue(polls.get() >= 2, "progress polled while the request ran: " + polls.get());
        assertTrue(fractions.stream().anyMatch(f -> f > 0 && f < 1), fractions.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("Step 1 of 25")), messages.toString());
        assertEquals(1, previews.size(), "the same current_image is delivered once");
        assertArrayEquals(preview, previews.get(0));
        int after = polls.get();
        Thread.sleep(150);
        assertEquals(after, polls.get(), "polling stops with the request");
    }

    @Test
    void characterSheetUsesTxt2imgWithTheConsistencySeed() throws Exception {
        server.on("POST /sdapi/v1/txt2img", r -> images(TestImages.png(1)));
        CharacterLook fresh = new CharacterLook("Mira", "a courier", "ck-mira", null);
        engine.characterSheet(new CharacterSheetRequest(fresh, 0, 512, 768), (f, m) -> {});
        JsonNode b =
                Json.MAPPER.readTree(server.requests("/sdapi/v1/txt2img").get(0).body());
        assertEquals(Consistency.seed("ck-mira"), b.path("seed").asLong());
        assertFalse(b.has("init_images"));
        assertTrue(b.path("prompt").asText().startsWith("character reference sheet, front view"));
    }

    @Test
    void cancelAbortsAndCallsInterrupt() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        server.on("POST /sdapi/v1/txt2img", r -> {
            arrived.countDown();
            return images(TestImages.png(1)).delayed(1200);
        });
        server.on("POST /sdapi/v1/interrupt", r -> Reply.json(200, "{}"));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                engine.keyframe(keyframe(List.of()), (f, m) -> {});
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        worker.start();
        assertTrue(arrived.await(2, TimeUnit.SECONDS));
        worker.interrupt();
        worker.join(2000);
        assertInstanceOf(GenerationCancelledException.class, thrown.get());
        assertEquals(1, server.requests("/sdapi/v1/interrupt").size());
    }

    @Test
    void missingApiFlagIsExplained() {
        server.on("POST /sdapi/v1/txt2img", r -> Reply.json(404, "{\"detail\":\"Not Found\"}"));
        StudioException e =
                assertThrows(StudioException.class, () -> engine.keyframe(keyframe(List.of()), (f, m) -> {}));
        assertTrue(e.getMessage().contains("--api") && e.getMessage().contains("CINBOARD_A1111_URL"), e.getMessage());
    }

    @Test
    void validationErrorShowsTheField() {
        server.on(
                "POST /sdapi/v1/txt2img",
                r -> Reply.json(
                        422,
                        "{\"detail\":[{\"loc\":[\"body\",\"width\"],\"msg\":\"value is not a valid integer\",\"type\":\"type_error.integer\"}]}"));
        StudioException e =
                assertThrows(StudioException.class, () -> engine.keyframe(keyframe(List.of()), (f, m) -> {}));
        assertTrue(e.getMessage().contains("width") && e.getMessage().contains("not a valid integer"), e.getMessage());
    }

    @Test
    void serverErrorIsRetriedThenSucceeds() {
        AtomicInteger n = new AtomicInteger();
        server.on(
                "POST /sdapi/v1/txt2img",
                r -> n.incrementAndGet() == 1 ? Reply.json(503, "{\"detail\":\"busy\"}") : images(TestImages.png(1)));
        engine.keyframe(keyframe(List.of()), (f, m) -> {});
        assertEquals(2, n.get());
    }

    @Test
    void malformedAnswerIsReported() {
        server.on("POST /sdapi/v1/txt2img", r -> Reply.json(200, "<html>proxy error</html>"));
        StudioException e =
                assertThrows(StudioException.class, () -> engine.keyframe(keyframe(List.of()), (f, m) -> {}));
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
    }

    @Test
    void listsModels() {
        server.on(
                "GET /sdapi/v1/sd-models",
                r -> Reply.json(
                        200,
                        "[{\"title\":\"dreamshaper_8.safetensors [879db523c3]\","
                                + "\"model_name\":\"dreamshaper_8\",\"hash\":\"879db523c3\",\"filename\":\"/m/dreamshaper_8.safetensors\",\"config\":null}]"));
        assertEquals(List.of("dreamshaper_8.safetensors [879db523c3]"), engine.listModels());
    }
}
